import type { ViewDelivery } from "./shared-view.ts";
import { sseResponse } from "./sse.ts";

/**
 * One screen of a shared live view over SSE: the first event is the full current state,
 * then one per change of what it shows; `event: gone` (and the end of the stream) when it
 * no longer exists. Payloads arrive serialized; nothing here reads the database.
 */
export function sharedStream(options: {
  request: Request;
  /** SSE event name for the state, e.g. "order" or "board". */
  event: string;
  join: (deliver: ViewDelivery) => () => void;
  keepAliveMs?: number;
}): Response {
  const { event } = options;
  return sseResponse(
    options.request,
    (sink) =>
      options.join((update) => {
        if (sink.closed) return;
        if (update === "gone") sink.send("gone", {});
        if (typeof update === "object") sink.send(event, update.json);
        else sink.close();
      }),
    { keepAliveMs: options.keepAliveMs },
  );
}
