"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { callApi, type ApiCallOptions, type ApiResult } from "../api/api-client.ts";

export type AdminMessage = { text: string; tone: "error" | "ok" } | null;

/**
 * Runs a change against /api/admin/* and re-renders the server page with the result
 * (router.refresh), so what the manager sees is always what the database holds.
 */
export function useAdminAction() {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<AdminMessage>(null);

  const run = useCallback(
    async <T,>(url: string, init: Pick<ApiCallOptions, "method" | "body" | "raw">, success?: string): Promise<ApiResult<T>> => {
      setBusy(true);
      const result = await callApi<T>(url, init);
      setBusy(false);
      setMessage(result.ok ? (success ? { text: success, tone: "ok" } : null) : { text: result.message, tone: "error" });
      if (result.ok) startTransition(() => router.refresh());
      return result;
    },
    [router],
  );

  return { run, pending: busy || refreshing, message, setMessage };
}
