"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

/**
 * Re-renders the server page when an order changes: the dashboard's event stream
 * (Postgres LISTEN → SSE) says "changed", the page reads the numbers again. Bursts are
 * coalesced so a rush does not re-render on every ticket.
 */
export function LiveRefresh({ url = "/api/dashboard/events", coalesceMs = 1_000 }: { url?: string; coalesceMs?: number }) {
  const router = useRouter();
  const [connected, setConnected] = useState(false);
  const [refreshing, startTransition] = useTransition();

  useEffect(() => {
    const source = new EventSource(url);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first = true;
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("changed", () => {
      // The first event only says the stream is up; the page is already current.
      if (first) {
        first = false;
        return;
      }
      timer ??= setTimeout(() => {
        timer = undefined;
        startTransition(() => router.refresh());
      }, coalesceMs);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [url, coalesceMs, router]);

  return (
    <p className="flex items-center gap-2 text-sm text-muted" data-testid="live-status" data-connected={connected}>
      <span aria-hidden="true" className={`size-2 rounded-full ${!connected ? "bg-line" : refreshing ? "bg-warn" : "bg-ready"}`} />
      {connected ? "Live" : "Reconnecting…"}
    </p>
  );
}
