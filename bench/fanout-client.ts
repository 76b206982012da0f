import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { summarise, type Percentiles } from "./common.ts";
import { eventTimer, type EventTimer, type Sample, type StreamKind } from "./fanout-events.ts";
import { SseParser } from "./fanout-sse.ts";

// The fan-out part's clients: thousands of SSE connections in a process of their own, so
// their parsing does not share an event loop with the bench driver's order load (and a
// busy loop here would add to every latency it measures: its delay is reported). Driven
// by the parent over IPC (see FanoutCommand); never reconnects, so a dropped stream is
// counted rather than hidden.

export type StreamSpec = { url: string; kind: StreamKind; cookie?: string };
export type FanoutCommand =
  | { type: "open"; streams: StreamSpec[]; timeoutMs: number }
  /** A status stream for an order of the measured load, closed once it is READY. */
  | { type: "follow"; url: string }
  /** Starts the measured window: samples and counts so far are dropped. */
  | { type: "mark" }
  | { type: "report" }
  | { type: "close" };
export type OpenedReply = { type: "opened"; ok: number; failed: number; errors: string[]; seconds: number };
export type ClientReport = {
  type: "report";
  /** Commit → event received, per kind of change (see fanout-events.ts). */
  latencyMs: Record<string, Percentiles>;
  /** Every timed change together. */
  allMs: Percentiles;
  /** Events received by kind; `follow` = the status streams of the measured orders, `status` = the waiting orders'. */
  events: Record<StreamKind | "follow", number>;
  /** Follow streams: from the order's 201 to the stream's first event (how long a customer's page takes to come up). */
  followFirstEventMs: Percentiles;
  megabytes: number;
  /** Streams that ended or failed after their first event (the server closed them, or an error). */
  dropped: number;
  /** Follow streams with no first event within 30 s (given up on, not dropped). */
  followTimedOut: number;
  followed: number;
  /** Followed orders whose stream never showed READY. */
  followedUnfinished: number;
  errors: string[];
  /** This process's event-loop delay over the window: what the client itself adds. */
  loopDelayMs: { p50: number; p99: number; max: number };
};

// No socket cap: one connection per stream, as browsers on different phones would hold.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const streams = new Set<http.ClientRequest>();
let samples: Sample[] = [];
const noEvents = () => ({ status: 0, kds: 0, board: 0, follow: 0 });
let events: Record<StreamKind | "follow", number> = noEvents();
let followFirstEvent: number[] = [];
let bytes = 0;
let dropped = 0;
let followTimedOut = 0;
let followed = 0;
let followedReady = 0;
const errors: string[] = [];
let closing = false;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const untimed: EventTimer = { finished: false, onEvent: () => [] };

const noteError = (text: string) => {
  if (errors.length < 20) errors.push(text);
};

/** Opens one stream; resolves true at its first event, false if it fails first (or by the deadline). */
function openStream(spec: StreamSpec, timeoutMs: number, follow?: { onFinished: () => void }): Promise<boolean> {
  const opening = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok: boolean) => {
      if (!settled) resolve(ok);
      settled = true;
    };
    let over = false;
    const timer = setTimeout(() => {
      noteError(`${spec.kind}: no first event within ${timeoutMs} ms`);
      over = true;
      if (follow) followTimedOut++;
      streams.delete(req);
      req.destroy();
      settle(false);
    }, timeoutMs);
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (spec.cookie) headers.cookie = spec.cookie;
    const req = http.get(spec.url, { agent, headers });
    streams.add(req);
    const ended = (why: string) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      streams.delete(req);
      if (closing || timing.finished) return;
      if (settled) dropped++;
      noteError(`${spec.kind}: ${why}`);
      settle(false);
    };
    // The waiting orders' streams show position changes, which carry no timestamp to time
    // (fanout-events.ts): they are counted without parsing, which keeps this process's
    // event loop free for the streams that are timed.
    const timing = spec.kind === "status" && !follow ? untimed : eventTimer(spec.kind);
    req.on("error", (error) => ended(error.message));
    req.on("response", (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        ended(`HTTP ${res.statusCode}`);
        return;
      }
      const parser = new SseParser(({ event, data }) => {
        // Events after the last one wanted (in the same chunk) are not counted twice.
        if (timing.finished) return;
        const now = Date.now();
        events[follow ? "follow" : spec.kind]++;
        clearTimeout(timer);
        if (follow && !settled) followFirstEvent.push(performance.now() - opening);
        settle(true);
        if (timing !== untimed) samples.push(...timing.onEvent(event, event === "gone" ? {} : JSON.parse(data), now));
        if (timing.finished) {
          follow?.onFinished();
          req.destroy();
        }
      });
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        parser.push(chunk);
      });
      res.on("close", () => ended("stream closed by the server"));
    });
  });
}

/** Streams without a first event by the deadline (timeoutMs for all of them) are counted failed. */
async function openAll(specs: StreamSpec[], timeoutMs: number): Promise<OpenedReply> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  let next = 0;
  let ok = 0;
  // A few hundred handshakes at a time: a SYN burst of thousands would measure the
  // listen backlog, not the app.
  const lane = async () => {
    while (next < specs.length) {
      if (await openStream(specs[next++]!, Math.max(1, deadline - Date.now()))) ok++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(200, specs.length) }, lane));
  return { type: "opened", ok, failed: specs.length - ok, errors: errors.slice(0, 5), seconds: (performance.now() - started) / 1000 };
}

function report(): ClientReport {
  const byWhat = new Map<string, number[]>();
  for (const s of samples) {
    if (!Number.isFinite(s.ms)) continue;
    byWhat.set(s.what, [...(byWhat.get(s.what) ?? []), s.ms]);
  }
  const ms = (ns: number) => ns / 1e6;
  return {
    type: "report",
    latencyMs: Object.fromEntries([...byWhat].sort().map(([what, values]) => [what, summarise(values)])),
    allMs: summarise(samples.map((s) => s.ms).filter(Number.isFinite)),
    events,
    followFirstEventMs: summarise(followFirstEvent),
    megabytes: bytes / 2 ** 20,
    dropped,
    followTimedOut,
    followed,
    followedUnfinished: followed - followedReady,
    errors: errors.slice(0, 10),
    loopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
  };
}

const send = (message: OpenedReply | ClientReport) => process.send?.(message);

process.on("message", (command: FanoutCommand) => {
  switch (command.type) {
    case "open":
      void openAll(command.streams, command.timeoutMs).then(send);
      break;
    case "follow":
      followed++;
      void openStream({ url: command.url, kind: "status" }, 30_000, { onFinished: () => followedReady++ });
      break;
    case "mark":
      samples = [];
      events = noEvents();
      followFirstEvent = [];
      bytes = 0;
      dropped = 0;
      followTimedOut = 0;
      followed = 0;
      followedReady = 0;
      errors.length = 0;
      loopDelay.reset();
      break;
    case "report":
      send(report());
      break;
    case "close":
      closing = true;
      for (const req of streams) req.destroy();
      process.exit(0);
  }
});
// The parent went away (the bench was stopped): nothing left to measure for.
process.on("disconnect", () => process.exit(0));
