"use client";

import { useEffect, useState } from "react";
import { refusalText } from "./refusal-text.ts";
import type { StreamRefusal, StreamStatus } from "./use-event-stream.ts";

/**
 * Shown while the live connection is down; the page keeps its last known state. When
 * the server turned the connection away, it says why and counts down to the next try.
 * A screen where stale data does harm (the kitchen display) passes its own louder words
 * and a `note` on what the outage means there.
 */
export function ReconnectingBanner({
  stream,
  className = "",
  message = "Reconnecting… live updates will resume in a moment.",
  note,
  testId = "reconnecting",
  loud = false,
}: {
  stream: StreamStatus;
  className?: string;
  message?: string;
  note?: string;
  testId?: string;
  loud?: boolean;
}) {
  const { refusal } = stream;
  const secondsLeft = useSecondsLeft(refusal);
  const say = (headline: string) => (note ? `${headline} ${note}` : headline);
  return (
    <div role="status" aria-live="polite" className={className}>
      {stream.state === "reconnecting" && (
        <p
          data-testid={testId}
          data-refused={refusal?.reason}
          className={`flex items-center justify-center gap-2 font-medium ${
            loud ? "bg-danger px-4 py-3 text-lg text-bg" : "rounded-xl bg-warn-soft px-4 py-2.5 text-sm text-warn"
          }`}
        >
          <span aria-hidden="true" className="size-3.5 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent" />
          {refusal ? (
            <>
              {/* The countdown is for the eye; a screen reader hears the wait once, not every second. */}
              <span aria-hidden="true">{say(refusalText(refusal.reason, secondsLeft ?? refusal.seconds))}</span>
              <span className="sr-only">{say(refusalText(refusal.reason, refusal.seconds))}</span>
            </>
          ) : (
            say(message)
          )}
        </p>
      )}
    </div>
  );
}

/** Whole seconds until the refused connection is tried again, ticking while there is a refusal. */
function useSecondsLeft(refusal: StreamRefusal | null): number | null {
  const [tick, setTick] = useState<{ until: number; seconds: number } | null>(null);
  useEffect(() => {
    if (!refusal) return;
    const timer = setInterval(() => setTick({ until: refusal.until, seconds: Math.max(0, Math.ceil((refusal.until - Date.now()) / 1_000)) }), 1_000);
    return () => clearInterval(timer);
  }, [refusal]);
  if (!refusal) return null;
  // Until the first tick, the whole wait: no clock is read while rendering.
  return tick?.until === refusal.until ? tick.seconds : refusal.seconds;
}
