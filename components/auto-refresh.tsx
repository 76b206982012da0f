"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

/** Re-renders the server page every few seconds while the tab is visible. */
export function AutoRefresh({ everyMs = 5_000, renderedAt }: { everyMs?: number; renderedAt: string }) {
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (paused) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, everyMs);
    return () => clearInterval(timer);
  }, [everyMs, paused, router]);

  return (
    <p className="flex items-center gap-2 text-sm text-muted">
      <span aria-hidden="true" className={`size-2 rounded-full ${paused ? "bg-line" : refreshing ? "bg-warn" : "bg-ready"}`} />
      <span>
        Updated <time dateTime={renderedAt}>{new Date(renderedAt).toISOString().slice(11, 19)}</time> UTC
      </span>
      <button type="button" onClick={() => setPaused((p) => !p)} className="min-h-10 rounded-lg px-2 font-medium text-accent hover:bg-accent-soft">
        {paused ? "Resume" : "Pause"}
      </button>
    </p>
  );
}
