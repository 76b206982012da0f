"use client";

import { useState } from "react";
import type { TemplateView } from "../../lib/notifications/list-templates.ts";
import {
  DEFAULT_TEMPLATES,
  placeholdersFor,
  renderTemplate,
  sampleValues,
  smsLengthWarning,
  validateTemplate,
  type TemplateProblems,
} from "../../lib/notifications/templates.ts";
import { storeMoney } from "../format.ts";
import { Field, FormMessage, inputClass, primaryButton, secondaryButton, TextInput } from "../admin/form-parts.tsx";
import type { useAdminAction } from "../admin/use-admin-action.ts";

const TITLES: Record<string, string> = {
  "order.ready:SMS": "Order ready — text message",
  "order.ready:EMAIL": "Order ready — email",
  "order.cancelled:SMS": "Order cancelled by the kitchen — text message",
  "order.cancelled:EMAIL": "Order cancelled by the kitchen — email",
};

/** One message's editor: checked as it is typed (the same rules as the server), with a preview using sample values. */
export function TemplateCard({ view, action }: { view: TemplateView; action: ReturnType<typeof useAdminAction> }) {
  const email = view.key.endsWith(":EMAIL");
  const slug = view.key.replace(/[.:]/g, "-");
  const [subject, setSubject] = useState(view.template.subject ?? "");
  const [body, setBody] = useState(view.template.body);
  const [serverProblems, setServerProblems] = useState<TemplateProblems>({});
  const [saved, setSaved] = useState<string | null>(null);
  const template = { subject: email ? subject : null, body };
  const problems = { ...serverProblems, ...validateTemplate(view.key, template) };
  const warning = email ? null : smsLengthWarning(body);
  const sample = sampleValues(storeMoney());

  async function save() {
    setSaved(null);
    const result = await action.run(`/api/admin/templates/${view.key}`, { method: "PUT", body: template });
    setServerProblems(result.ok ? {} : result.fields);
    if (result.ok) setSaved("Saved: the next message uses it");
  }

  async function reset() {
    const result = await action.run(`/api/admin/templates/${view.key}`, { method: "DELETE" });
    if (!result.ok) return;
    const original = DEFAULT_TEMPLATES[view.key];
    setSubject(original.subject ?? "");
    setBody(original.body);
    setSaved("Back to the built-in wording");
  }

  return (
    <section aria-labelledby={`${slug}-title`} data-testid={`template-${view.key}`} className="grid gap-4 rounded-2xl border border-line bg-surface p-5 lg:grid-cols-2">
      <div className="space-y-4">
        <div>
          <h2 id={`${slug}-title`} className="text-xl font-semibold">
            {TITLES[view.key]}
          </h2>
          <p className="text-sm text-muted">
            {view.custom ? `Custom${view.updatedBy ? `, last changed by ${view.updatedBy}` : ""}` : "Built-in wording"} · placeholders:{" "}
            {placeholdersFor(view.key).map((p) => (
              <code key={p} className="mx-0.5 rounded bg-surface-2 px-1">{`{${p}}`}</code>
            ))}
          </p>
          {placeholdersFor(view.key).includes("refund") ? (
            <p className="mt-1 text-xs text-muted">
              <code>{"{refund}"}</code> says what happens to the customer&apos;s online payment (refunded, or to be refunded); it is empty when they had not paid online. A message without it gets it at the end.
            </p>
          ) : null}
        </div>
        {email && (
          <Field id={`${slug}-subject`} label="Subject" error={problems.subject}>
            <TextInput id={`${slug}-subject`} value={subject} onChange={(e) => setSubject(e.target.value)} error={problems.subject} />
          </Field>
        )}
        <Field id={`${slug}-body`} label="Message" error={problems.body} hint={warning ?? undefined}>
          <textarea
            id={`${slug}-body`}
            className={inputClass}
            rows={email ? 5 : 3}
            value={body}
            aria-invalid={problems.body ? true : undefined}
            aria-describedby={problems.body ? `${slug}-body-error` : warning ? `${slug}-body-hint` : undefined}
            onChange={(e) => setBody(e.target.value)}
          />
        </Field>
        <div className="flex flex-wrap gap-3">
          <button type="button" className={primaryButton} disabled={action.pending || Object.keys(problems).length > 0} onClick={() => void save()}>
            Save
          </button>
          <button type="button" className={secondaryButton} disabled={action.pending} onClick={() => void reset()}>
            Reset to default
          </button>
        </div>
        <FormMessage message={saved} tone="ok" />
      </div>
      <div aria-label={`Preview of ${TITLES[view.key]}`} role="region" className="space-y-2 rounded-xl bg-surface-2 p-4">
        <p className="text-sm font-semibold text-muted">Preview (sample order)</p>
        {email && <p className="font-semibold">{renderTemplate(subject, sample)}</p>}
        <p className="whitespace-pre-wrap" data-testid={`preview-${view.key}`}>
          {renderTemplate(body, sample).trim()}
        </p>
        {!email && <p className="text-sm text-muted">{renderTemplate(body, sample).trim().length} characters</p>}
      </div>
    </section>
  );
}
