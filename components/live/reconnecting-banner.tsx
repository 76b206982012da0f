import type { StreamState } from "./use-event-stream.ts";

/**
 * Shown while the live connection is down; the page keeps its last known state. A
 * screen where stale data does harm (the kitchen display) passes its own louder words.
 */
export function ReconnectingBanner({
  state,
  className = "",
  message = "Reconnecting… live updates will resume in a moment.",
  testId = "reconnecting",
  loud = false,
}: {
  state: StreamState;
  className?: string;
  message?: string;
  testId?: string;
  loud?: boolean;
}) {
  return (
    <div role="status" aria-live="polite" className={className}>
      {state === "reconnecting" && (
        <p
          data-testid={testId}
          className={`flex items-center justify-center gap-2 font-medium ${
            loud ? "bg-danger px-4 py-3 text-lg text-bg" : "rounded-xl bg-warn-soft px-4 py-2.5 text-sm text-warn"
          }`}
        >
          <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />
          {message}
        </p>
      )}
    </div>
  );
}
