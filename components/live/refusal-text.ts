import type { StreamRefusal } from "./event-stream-client.ts";

/** What the reconnecting banner says while a refused connection waits for its next try. */
export function refusalText(reason: StreamRefusal["reason"], secondsLeft: number): string {
  const when = secondsLeft > 0 ? `trying again in ${secondsLeft} s` : "trying again now";
  return reason === "too-many" ? `Too many live connections from this network — ${when}.` : `Live updates are busy — ${when}.`;
}
