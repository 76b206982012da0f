import { errorInfo, logger } from "../log.ts";
import { takeStreamSlot } from "./stream-admission.ts";

// Server-sent events over a plain web Response, as used by Next.js route handlers.

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform keeps compression middleware from buffering the stream.
  "Cache-Control": "no-cache, no-store, no-transform",
  Connection: "keep-alive",
  // Tells nginx-style proxies not to buffer.
  "X-Accel-Buffering": "no",
} as const;

const KEEP_ALIVE_MS = 15_000;
/** How long the browser waits before reconnecting after the stream drops. */
export const RETRY_MS = 2_000;

/** One SSE message; multi-line data is split into several data: lines as the spec requires. */
export function formatSseEvent(event: string, data: unknown): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(event)) throw new Error(`invalid SSE event name ${event}`);
  const text = typeof data === "string" ? data : JSON.stringify(data);
  return `event: ${event}\n${text.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join("\n")}\n\n`;
}

export const formatSseComment = (text: string) => `: ${text.replace(/[\r\n]+/g, " ")}\n\n`;

// Open streams never finish by themselves, and Next.js's graceful shutdown waits for
// every pending request: without this, SIGTERM would hang until the orchestrator's
// SIGKILL. Closing them lets the server exit, and browsers reconnect elsewhere.
const globalForSse = globalThis as unknown as { brewlineOpenStreams?: Set<() => void>; brewlineSseDraining?: boolean };
const openStreams = (globalForSse.brewlineOpenStreams ??= new Set());

/**
 * Ends every open event stream (the browsers reconnect). With `drain`, streams that
 * start afterwards (requests already in flight when the signal came) end at once too.
 */
export function closeAllStreams(options: { drain?: boolean } = {}): void {
  if (options.drain) globalForSse.brewlineSseDraining = true;
  for (const close of [...openStreams]) close();
}

const globalForSignals = globalThis as unknown as { brewlineSseSignals?: boolean };
if (!globalForSignals.brewlineSseSignals) {
  globalForSignals.brewlineSseSignals = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      closeAllStreams({ drain: true });
      // A listener replaces Node's default of exiting on the signal. If nobody else
      // (Next.js) handles it, restore that default rather than keep the process alive.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

export const openStreamCount = () => openStreams.size;

export type SseSink = {
  send(event: string, data: unknown): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
  readonly signal: AbortSignal;
};

/**
 * Opens an event stream. `start` runs once the stream exists and returns its cleanup,
 * which runs exactly once: when the client goes away (request aborted or stream
 * cancelled), when the sink is closed, or when start itself throws. A request admitted
 * by streamRoute (stream-admission.ts) keeps its slot until then.
 */
export function sseResponse(
  request: Request,
  start: (sink: SseSink) => void | (() => void) | Promise<void | (() => void)>,
  options: { keepAliveMs?: number; retryMs?: number; headers?: Record<string, string> } = {},
): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let cleanup: (() => void) | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const releaseSlot = takeStreamSlot(request);

  const finish = () => {
    if (closed) return;
    closed = true;
    openStreams.delete(finish);
    releaseSlot?.();
    clearInterval(keepAlive);
    abort.abort();
    request.signal.removeEventListener("abort", finish);
    try {
      cleanup?.();
    } catch {
      // cleanup must not break the close
    }
    try {
      controller.close();
    } catch {
      // already closed or errored by the runtime
    }
  };

  const write = (chunk: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(chunk));
    } catch {
      finish();
    }
  };

  const sink: SseSink = {
    send: (event, data) => write(formatSseEvent(event, data)),
    comment: (text) => write(formatSseComment(text)),
    close: finish,
    get closed() {
      return closed;
    },
    signal: abort.signal,
  };

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      openStreams.add(finish);
      write(`retry: ${options.retryMs ?? RETRY_MS}\n\n`);
      keepAlive = setInterval(() => sink.comment("keep-alive"), options.keepAliveMs ?? KEEP_ALIVE_MS);
      if (request.signal.aborted || globalForSse.brewlineSseDraining) {
        finish();
        return;
      }
      request.signal.addEventListener("abort", finish, { once: true });
      Promise.resolve()
        .then(() => start(sink))
        .then((fn) => {
          if (!fn) return;
          if (closed) fn();
          else cleanup = fn;
        })
        .catch((error: unknown) => {
          logger.warn({ err: errorInfo(error) }, "event stream failed to start");
          finish();
        });
    },
    cancel() {
      finish();
    },
  });

  // While shutting down, also drop the keep-alive socket: otherwise the browser's
  // reconnect arrives on the same socket, gets this closed stream, and keeps the
  // draining server busy every few seconds.
  const connection = globalForSse.brewlineSseDraining ? { Connection: "close" } : {};
  return new Response(stream, { status: 200, headers: { ...SSE_HEADERS, ...connection, ...options.headers } });
}
