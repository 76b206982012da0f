import type { StreamState } from "./use-event-stream.ts";

/** Shown while the live connection is down; the page keeps its last known state. */
export function ReconnectingBanner({ state, className = "" }: { state: StreamState; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={className}>
      {state === "reconnecting" && (
        <p
          data-testid="reconnecting"
          className="flex items-center justify-center gap-2 rounded-xl bg-warn-soft px-4 py-2.5 text-sm font-medium text-warn"
        >
          <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />
          Reconnecting… live updates will resume in a moment.
        </p>
      )}
    </div>
  );
}
