import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectEventStream, retryAfterMs, type EventStreamOptions, type StreamStatus } from "./event-stream-client.ts";

// The connection loop against a scripted server: each fetch gets the next answer, a
// stream the test writes to, or an HTTP error. Timers are fake, so waits are exact.

type Answer = { status: number; headers?: Record<string, string> } | "stream" | "network-error";

function scriptedServer() {
  const answers: Answer[] = [];
  const signals: AbortSignal[] = [];
  const times: number[] = [];
  const encoder = new TextEncoder();
  let current: ReadableStreamDefaultController<Uint8Array> | undefined;
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const signal = init!.signal!;
    signals.push(signal);
    times.push(Date.now());
    const answer = answers.shift() ?? "network-error";
    if (answer === "network-error") throw new TypeError("Failed to fetch");
    if (answer !== "stream") return new Response(JSON.stringify({ error: {} }), { status: answer.status, headers: answer.headers });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        current = controller;
        // As a browser's fetch does: aborting errors the body being read.
        signal.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
      },
    });
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8" } });
  });
  return {
    fetch,
    signals,
    /** When each attempt was made. */
    times,
    answer: (...next: Answer[]) => answers.push(...next),
    write: (text: string | Uint8Array) => current!.enqueue(typeof text === "string" ? encoder.encode(text) : text),
    end: () => current!.close(),
  };
}

function connect(server: ReturnType<typeof scriptedServer>, extra: Partial<EventStreamOptions> = {}, random = () => 0.5) {
  const statuses: StreamStatus[] = [];
  const events: [string, unknown][] = [];
  const connection = connectEventStream(
    { url: "/api/x/events", onEvent: (e, d) => events.push([e, d]), onStatus: (s) => statuses.push(s), ...extra },
    { fetch: server.fetch, random },
  );
  return { connection, statuses, events, state: () => statuses.at(-1)?.state };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("connectEventStream", () => {
  it("goes live and hands over each event's JSON by name, dropping data that is not JSON", async () => {
    const server = scriptedServer();
    server.answer("stream");
    const { statuses, events, connection } = connect(server);
    await flush();
    expect(statuses).toEqual([{ state: "live", refusal: null }]);
    expect(server.fetch.mock.calls[0]![1]).toMatchObject({ headers: { Accept: "text/event-stream" }, cache: "no-store" });
    server.write('retry: 2000\n\nevent: order\ndata: {"status":"QUE');
    server.write('UED"}\n\nevent: order\ndata: <html>\n\n');
    // "é" split between two reads.
    const bytes = new TextEncoder().encode('event: note\ndata: "café"\n\n');
    server.write(bytes.slice(0, 26));
    server.write(bytes.slice(26));
    await flush();
    expect(events).toEqual([
      ["order", { status: "QUEUED" }],
      ["note", "café"],
    ]);
    connection.close();
  });

  it("reconnects after the server's retry time when the stream ends, and says it reconnected", async () => {
    const server = scriptedServer();
    server.answer("stream", "stream");
    const onReconnect = vi.fn();
    const { state, connection } = connect(server, { onReconnect });
    await flush();
    server.write("retry: 3000\n\nevent: a\ndata: 1\n\n");
    server.end();
    await flush();
    expect(state()).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(2_999);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.fetch).toHaveBeenCalledTimes(2);
    expect(state()).toBe("live");
    expect(onReconnect).toHaveBeenCalledTimes(1);
    connection.close();
  });

  it("backs off exponentially while attempts fail, up to 30 s, and starts over once a connection delivers", async () => {
    const server = scriptedServer();
    server.answer({ status: 502 }, { status: 500 }, "network-error", { status: 503 }, "network-error", "network-error", "network-error", "stream", { status: 502 });
    const { state, connection } = connect(server);
    await vi.advanceTimersByTimeAsync(200_000);
    const gaps = server.times.slice(1).map((t, i) => t - server.times[i]!);
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(state()).toBe("live");
    server.write("event: a\ndata: 1\n\n");
    server.end();
    await flush();
    const before = server.fetch.mock.calls.length;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.fetch.mock.calls.length).toBe(before + 1);
    connection.close();
  });

  it("waits out a 429's Retry-After exactly (plus jitter), whatever wakes it, and says why and until when", async () => {
    const server = scriptedServer();
    server.answer({ status: 429, headers: { "retry-after": "20" } }, "stream");
    const { statuses, connection } = connect(server, {}, () => 0);
    const start = Date.now();
    await flush();
    expect(statuses.at(-1)).toEqual({ state: "reconnecting", refusal: { reason: "too-many", until: start + 20_000, seconds: 20 } });
    await vi.advanceTimersByTimeAsync(5_000);
    // Back to the tab, or back online: the server's word still holds.
    connection.wake();
    connection.pause();
    connection.wake();
    await vi.advanceTimersByTimeAsync(14_999);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.fetch).toHaveBeenCalledTimes(2);
    expect(statuses.at(-1)).toEqual({ state: "live", refusal: null });
    connection.close();
  });

  it("spreads clients refused together over a tenth of the wait", async () => {
    const server = scriptedServer();
    server.answer({ status: 503, headers: { "retry-after": "30" } });
    const { statuses, connection } = connect(server, {}, () => 0.999);
    const start = Date.now();
    await flush();
    const refusal = statuses.at(-1)!.refusal!;
    expect(refusal.reason).toBe("busy");
    expect(refusal.until - start).toBeGreaterThan(32_900);
    expect(refusal.until - start).toBeLessThan(33_000);
    expect(refusal.seconds).toBe(33);
    connection.close();
  });

  it("treats a 503 without Retry-After (a balancer's) as a failure to back off from", async () => {
    const server = scriptedServer();
    server.answer({ status: 503 });
    const { statuses, connection } = connect(server);
    await flush();
    expect(statuses.at(-1)).toEqual({ state: "reconnecting", refusal: null });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.fetch).toHaveBeenCalledTimes(2);
    connection.close();
  });

  it.each([401, 403, 404])("stops for good on %i and says so", async (status) => {
    const server = scriptedServer();
    server.answer({ status });
    const onEnded = vi.fn();
    const { state, connection } = connect(server, { onEnded });
    await flush();
    expect(state()).toBe("off");
    expect(onEnded).toHaveBeenCalledWith(status);
    connection.wake();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    connection.close();
  });

  it("offline drops the connection and tries nothing until woken, then at once", async () => {
    const server = scriptedServer();
    server.answer("stream", "stream");
    const { state, connection } = connect(server);
    await flush();
    connection.pause();
    expect(server.signals[0]!.aborted).toBe(true);
    expect(state()).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    connection.wake();
    await flush();
    expect(server.fetch).toHaveBeenCalledTimes(2);
    expect(state()).toBe("live");
    // Already connected: waking again opens nothing more.
    connection.wake();
    await flush();
    expect(server.fetch).toHaveBeenCalledTimes(2);
    connection.close();
  });

  it("close aborts the request and reports nothing more", async () => {
    const server = scriptedServer();
    server.answer("stream");
    const { statuses, connection } = connect(server);
    await flush();
    const reported = statuses.length;
    connection.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.signals[0]!.aborted).toBe(true);
    expect(server.fetch).toHaveBeenCalledTimes(1);
    expect(statuses).toHaveLength(reported);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2030-01-01T12:00:00Z");
  it("reads seconds or an HTTP date, and nothing else", () => {
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs("Tue, 01 Jan 2030 12:00:25 GMT", now)).toBe(25_000);
    expect(retryAfterMs("Tue, 01 Jan 2030 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("", now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("-5", now)).toBeNull();
    expect(retryAfterMs("2030-01-01", now)).toBeNull();
  });

  it("does not believe a wait of more than ten minutes", () => {
    expect(retryAfterMs("86400", now)).toBe(600_000);
  });
});
