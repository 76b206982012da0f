"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { callApi } from "../api/api-client.ts";

/**
 * A staff action: POSTs JSON to a dashboard route and re-renders the page, or shows the
 * server's message (e.g. "already redriven") next to the button.
 */
export function PostButton({ url, body, label, pendingLabel, testId }: { url: string; body?: unknown; label: string; pendingLabel: string; testId?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();

  const run = async () => {
    setBusy(true);
    setError(null);
    const result = await callApi(url, { method: "POST", body: body ?? {} });
    if (!result.ok) setError(result.message);
    // Whatever the server answered, the page shows what it holds now; with no answer at
    // all there is nothing new to show.
    if (result.ok || result.kind === "refused" || result.kind === "cut-off") startTransition(() => router.refresh());
    setBusy(false);
  };

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy}
        data-testid={testId}
        className="min-h-9 rounded-lg border border-line bg-surface px-3 text-sm font-medium text-accent hover:bg-accent-soft disabled:opacity-60"
      >
        {busy ? pendingLabel : label}
      </button>
      {error ? (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      ) : null}
    </span>
  );
}
