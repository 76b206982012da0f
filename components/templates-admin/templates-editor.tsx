"use client";

import type { TemplateView } from "../../lib/notifications/list-templates.ts";
import { FormMessage } from "../admin/form-parts.tsx";
import { useAdminAction } from "../admin/use-admin-action.ts";
import { TemplateCard } from "./template-card.tsx";

export function TemplatesEditor({ templates }: { templates: TemplateView[] }) {
  const action = useAdminAction();
  return (
    <div className="space-y-6">
      {action.message?.tone === "error" && <FormMessage message={action.message.text} tone="error" />}
      {templates.map((view) => (
        <TemplateCard key={view.key} view={view} action={action} />
      ))}
    </div>
  );
}
