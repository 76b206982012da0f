import type { Metadata } from "next";
import { TemplatesEditor } from "../../../../components/templates-admin/templates-editor.tsx";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { listTemplates } from "../../../../lib/notifications/list-templates.ts";
import { requireStaffPage } from "../../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Customer messages" };

export default async function TemplatesPage() {
  await requireStaffPage("manager", "/dashboard/templates");
  const templates = await listTemplates({ prisma: getPrisma() });
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 pb-16 pt-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Customer messages</h1>
        <p className="mt-1 text-muted">What customers receive by text and email when their order is ready or the kitchen cancels it.</p>
      </div>
      <TemplatesEditor templates={templates} />
    </main>
  );
}
