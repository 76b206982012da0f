import { createSseParser } from "./sse-parser.ts";

// The connection behind useEventStream, apart from React so it can be tested: an event
// stream read with fetch() (EventSource hides the status and headers of a refusal),
// reconnected with backoff, and when the server refuses with 429/503 and Retry-After,
// again after exactly that long, which the page can show.

export type StreamState = "connecting" | "live" | "reconnecting" | "off";

/** The server turned the connection away and said when to come back. */
export type StreamRefusal = {
  /** "too-many": this network holds too many live connections (429); "busy": the server is (503). */
  reason: "too-many" | "busy";
  /** When the next attempt is made (epoch ms). */
  until: number;
  /** The whole wait in seconds, for the first thing shown. */
  seconds: number;
};

export type StreamStatus = { state: StreamState; refusal: StreamRefusal | null };

export type EventStreamOptions = {
  url: string;
  /** Each event whose data is JSON; others are dropped (a proxy's error text, say). */
  onEvent: (event: string, data: unknown) => void;
  onStatus: (status: StreamStatus) => void;
  /** After a connection opens that is not the first: streams that only announce changes fetch what they missed. */
  onReconnect?: () => void;
  /** The server answered with a status that another attempt would get again (see ENDED): no more attempts. */
  onEnded?: (status: number) => void;
};

export type EventStreamConnection = {
  /** Back online or back to the tab: try now, unless waiting out a refusal or already connected. */
  wake(): void;
  /** Offline: drop the connection and make no attempts until wake. */
  pause(): void;
  close(): void;
};

/** Statuses the same request would get again: unauthorised, forbidden, not found, gone, malformed. */
const ENDED = new Set([400, 401, 403, 404, 410]);
/** Until the server's `retry:` line says otherwise; the first retry after a drop waits about this long. */
const FIRST_RETRY_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is not believed: the page would look dead. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Retry-After (seconds or an HTTP date) in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  // An HTTP date ends in GMT; Date.parse alone would also take "-5" for a year.
  const ms = /^\d+$/.test(text) ? Number(text) * 1_000 : / GMT$/.test(text) ? Date.parse(text) - now : Number.NaN;
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : null;
}

const isEventStream = (response: Response) => /^text\/event-stream\b/i.test(response.headers.get("content-type") ?? "");

export function connectEventStream(
  options: EventStreamOptions,
  deps: { fetch?: typeof fetch; random?: () => number } = {},
): EventStreamConnection {
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const random = deps.random ?? Math.random;
  let retryMs = FIRST_RETRY_MS;
  let failures = 0;
  let opened = false;
  let ended = false;
  let closed = false;
  let connection: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let refusal: StreamRefusal | null = null;

  const report = (state: StreamState) => {
    if (!closed) options.onStatus({ state, refusal });
  };

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(open, delay);
  };

  const backOff = () => {
    const delay = Math.min(MAX_BACKOFF_MS, retryMs * 2 ** failures) * (0.75 + random() * 0.5);
    failures += 1;
    refusal = null;
    report("reconnecting");
    schedule(delay);
  };

  const refused = (status: number, waitMs: number) => {
    // Clients refused together must not all come back in the same second.
    const delay = waitMs + random() * Math.max(1_000, waitMs / 10);
    refusal = { reason: status === 429 ? "too-many" : "busy", until: Date.now() + delay, seconds: Math.ceil(delay / 1_000) };
    report("reconnecting");
    schedule(delay);
  };

  const read = async (body: ReadableStream<Uint8Array>) => {
    let delivered = false;
    const parser = createSseParser({
      onRetry: (ms) => (retryMs = Math.min(MAX_BACKOFF_MS, Math.max(FIRST_RETRY_MS, ms))),
      onMessage: ({ event, data }) => {
        // The backoff starts over once a connection delivers, not when it merely opens:
        // a server that accepts and hangs up at once (draining for a deploy) is a failure.
        if (!delivered) failures = 0;
        delivered = true;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          return;
        }
        try {
          options.onEvent(event, parsed);
        } catch (error) {
          // A page's bug is reported, but does not drop the connection (nor does EventSource's).
          setTimeout(() => {
            throw error;
          });
        }
      },
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.push(decoder.decode(value, { stream: true }));
    }
  };

  const attempt = async (abort: AbortController) => {
    const response = await doFetch(options.url, { headers: { Accept: "text/event-stream" }, cache: "no-store", signal: abort.signal });
    if (response.ok && response.body && isEventStream(response)) {
      refusal = null;
      report("live");
      if (opened) options.onReconnect?.();
      opened = true;
      await read(response.body);
      return backOff();
    }
    response.body?.cancel().catch(() => undefined);
    if (ENDED.has(response.status)) {
      ended = true;
      refusal = null;
      report("off");
      return options.onEnded?.(response.status);
    }
    const wait = response.status === 429 || response.status === 503 ? retryAfterMs(response.headers.get("retry-after"), Date.now()) : null;
    return wait === null ? backOff() : refused(response.status, wait);
  };

  function open() {
    clearTimeout(timer);
    connection?.abort();
    const abort = new AbortController();
    connection = abort;
    attempt(abort)
      .catch(() => {
        // Aborted here (a new attempt, offline, unmount): whoever aborted decides what next.
        if (!abort.signal.aborted) backOff();
      })
      .finally(() => {
        if (connection === abort) connection = undefined;
      });
  }

  open();
  return {
    wake() {
      if (closed || ended || connection) return;
      const wait = refusal ? refusal.until - Date.now() : 0;
      if (wait > 0) schedule(wait);
      else open();
    },
    pause() {
      if (closed || ended) return;
      clearTimeout(timer);
      connection?.abort();
      connection = undefined;
      report("reconnecting");
    },
    close() {
      closed = true;
      clearTimeout(timer);
      connection?.abort();
    },
  };
}
