"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useTransition } from "react";
import { ReconnectingBanner } from "../live/reconnecting-banner.tsx";
import { useEventStream, type StreamState } from "../live/use-event-stream.ts";
import { refreshOnChange } from "./refresh-on-change.ts";

const LABEL: Record<StreamState, string> = {
  live: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  // The server said no for good (signed out, say): only a reload finds out why.
  off: "Not live · reload the page",
};

/**
 * Re-renders the server page when an order changes: the dashboard's event stream
 * (Postgres LISTEN → SSE) says "changed", the page reads the numbers again. While the
 * stream is down, or the server turned it away for a while, the page keeps its figures
 * and the banner says how long they may be stale.
 */
export function LiveRefresh({ url = "/api/dashboard/events", coalesceMs = 1_000 }: { url?: string; coalesceMs?: number }) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const changes = useMemo(() => refreshOnChange(() => startTransition(() => router.refresh()), coalesceMs), [router, coalesceMs]);
  useEffect(() => () => changes.cancel(), [changes]);
  const stream = useEventStream(url, { changed: changes.changed });
  const live = stream.state === "live";

  return (
    <div className="flex flex-col items-end">
      <p className="flex items-center gap-2 text-sm text-muted" data-testid="live-status" data-connected={live}>
        <span aria-hidden="true" className={`size-2 rounded-full ${!live ? "bg-line" : refreshing ? "bg-warn" : "bg-ready"}`} />
        {LABEL[stream.state]}
      </p>
      {/* The line above already says "Reconnecting…"; the banner says what that means here. */}
      <ReconnectingBanner
        stream={stream}
        className="max-w-md not-empty:mt-2"
        message="Live updates will resume in a moment."
        note="The figures may be out of date until then."
      />
    </div>
  );
}
