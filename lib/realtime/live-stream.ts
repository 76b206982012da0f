import { errorInfo, logger } from "../log.ts";
import type { OrderChanged } from "./order-listener.ts";
import type { ChannelChange, ListenerSubscriber } from "./pg-listener.ts";
import { sseResponse } from "./sse.ts";

// A live view over SSE: the first event is always the full current state read from
// Postgres, and every relevant change (or a resync after the listener reconnected)
// re-reads it. Notifications only say "look again"; the data always comes from the
// database, so a missed or duplicated notification cannot leave a screen wrong.

export type LiveStreamOptions<T, C extends ChannelChange = OrderChanged> = {
  request: Request;
  listener: { subscribe(fn: ListenerSubscriber<C>): () => void };
  /** SSE event name for the state, e.g. "order" or "board". */
  event: string;
  /** Reads the current state; null means it no longer exists ("gone" is sent and the stream ends). */
  load: () => Promise<T | null>;
  /** Which notifications concern this view (resyncs always do). */
  matches?: (change: C) => boolean;
  /** Coalesces bursts of notifications into one read. */
  debounceMs?: number;
  retryAfterErrorMs?: number;
  keepAliveMs?: number;
};

export function liveStream<T, C extends ChannelChange = OrderChanged>(options: LiveStreamOptions<T, C>): Response {
  const { request, listener, event, load } = options;
  const matches = options.matches ?? (() => true);
  const debounceMs = options.debounceMs ?? 0;
  const retryAfterErrorMs = options.retryAfterErrorMs ?? 3_000;

  return sseResponse(
    request,
    (sink) => {
      let lastSent: string | undefined;
      let reading = false;
      let again = false;
      let timer: ReturnType<typeof setTimeout> | undefined;

      const refresh = async (): Promise<void> => {
        if (sink.closed) return;
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const state = await load();
            if (sink.closed) return;
            if (state === null) {
              sink.send("gone", {});
              sink.close();
              return;
            }
            const json = JSON.stringify(state);
            // Same state twice (e.g. a resync that found nothing new) is not re-sent.
            if (json !== lastSent) {
              lastSent = json;
              sink.send(event, state);
            }
          } while (again && !sink.closed);
        } catch (error) {
          logger.warn({ err: errorInfo(error), event }, "live stream could not read state");
          if (lastSent === undefined) {
            // Without a first state the stream is useless; closing makes the browser reconnect.
            sink.close();
            return;
          }
          schedule(retryAfterErrorMs);
        } finally {
          reading = false;
        }
      };

      const schedule = (delay: number) => {
        if (sink.closed) return;
        if (delay <= 0) {
          void refresh();
          return;
        }
        if (timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          void refresh();
        }, delay);
      };

      const unsubscribe = listener.subscribe((change) => {
        if (change.kind === "resync" || matches(change)) schedule(debounceMs);
      });
      void refresh();
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    },
    { keepAliveMs: options.keepAliveMs },
  );
}
