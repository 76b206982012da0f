"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Field, FormMessage, primaryButton, TextInput } from "../admin/form-parts.tsx";
import { callApi, type FieldErrors } from "../api/api-client.ts";

/**
 * "Text the shop": a customer's text as the phone network would deliver it (through the
 * inbound SMS topic to the worker), so STOP, HELP and START can be tried locally. The
 * reply shows up in the inbox below once the worker has answered; the page refreshes itself.
 */
export function InboundSmsForm() {
  const router = useRouter();
  const [from, setFrom] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ text: string; tone: "error" | "ok" } | null>(null);
  const [, startTransition] = useTransition();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    const sent = await callApi<{ inboundMessageId: string }>("/api/dev/sms/inbound", { method: "POST", body: { from, message } });
    setBusy(false);
    if (!sent.ok) {
      setFields(sent.fields);
      // A field's own error is shown under it; anything else above the button.
      if (Object.keys(sent.fields).length === 0) setResult({ text: sent.message, tone: "error" });
      return;
    }
    setFields({});
    setMessage("");
    setResult({ text: "Sent. The shop's reply appears below in a moment.", tone: "ok" });
    startTransition(() => router.refresh());
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="mt-6 space-y-3 rounded-2xl border border-line bg-surface p-4" data-testid="inbound-sms-form" noValidate>
      <h2 className="text-lg font-semibold">Text the shop</h2>
      <p className="text-sm text-muted">Stands in for a customer&apos;s phone: try STOP, HELP or START.</p>
      <Field id="inbound-from" label="From (the customer's phone)" error={fields.from}>
        <TextInput id="inbound-from" type="tel" autoComplete="off" value={from} onChange={(e) => setFrom(e.target.value)} error={fields.from} required />
      </Field>
      <Field id="inbound-message" label="Text" error={fields.message}>
        <TextInput id="inbound-message" value={message} onChange={(e) => setMessage(e.target.value)} error={fields.message} maxLength={1600} required />
      </Field>
      <FormMessage message={result?.text ?? null} tone={result?.tone ?? "ok"} />
      <button type="submit" className={primaryButton} disabled={busy}>
        {busy ? "Sending…" : "Send text"}
      </button>
    </form>
  );
}
