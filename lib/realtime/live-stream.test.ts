import { describe, expect, it } from "vitest";
import { liveStream } from "./live-stream.ts";
import type { OrderChange, OrderChangeSubscriber } from "./order-listener.ts";
import { closeAllStreams, formatSseComment, formatSseEvent, openStreamCount, sseResponse } from "./sse.ts";

class FakeListener {
  subscribers = new Set<OrderChangeSubscriber>();
  subscribe(fn: OrderChangeSubscriber) {
    this.subscribers.add(fn);
    return () => void this.subscribers.delete(fn);
  }
  emit(change: OrderChange) {
    for (const fn of this.subscribers) fn(change);
  }
}

type SseMessage = { event?: string; data?: string; comment?: string; retry?: string };

/** Reads SSE messages from a response body as they arrive. */
function reader(response: Response) {
  const body = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(timeoutMs = 2000): Promise<SseMessage | "closed"> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const msg: SseMessage = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(": ")) msg.comment = line.slice(2);
            else if (line.startsWith("event: ")) msg.event = line.slice(7);
            else if (line.startsWith("data: ")) msg.data = msg.data === undefined ? line.slice(6) : `${msg.data}\n${line.slice(6)}`;
            else if (line.startsWith("retry: ")) msg.retry = line.slice(7);
          }
          return msg;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("timed out waiting for an SSE message");
        const chunk = await Promise.race([
          body.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out waiting for an SSE message")), left)),
        ]);
        if (chunk.done) return "closed";
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    async nextEvent(timeoutMs?: number) {
      for (;;) {
        const msg = await this.next(timeoutMs);
        if (msg === "closed" || msg.event) return msg;
      }
    },
    cancel: () => body.cancel(),
  };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe("formatSseEvent", () => {
  it("formats JSON data and splits multi-line text", () => {
    expect(formatSseEvent("order", { a: 1 })).toBe('event: order\ndata: {"a":1}\n\n');
    expect(formatSseEvent("note", "one\ntwo")).toBe("event: note\ndata: one\ndata: two\n\n");
    expect(formatSseComment("keep\nalive")).toBe(": keep alive\n\n");
    expect(() => formatSseEvent("bad name\n", {})).toThrow();
  });
});

describe("sseResponse", () => {
  it("sends retry first, keep-alive comments, and cleans up once when the client goes away", async () => {
    const abort = new AbortController();
    let cleanups = 0;
    const response = sseResponse(new Request("http://x/", { signal: abort.signal }), () => () => void (cleanups += 1), { keepAliveMs: 30 });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const r = reader(response);
    expect(await r.next()).toEqual({ retry: "2000" });
    expect(await r.next()).toEqual({ comment: "keep-alive" });
    abort.abort();
    await tick();
    await r.cancel();
    expect(cleanups).toBe(1);
  });
});

describe("closeAllStreams", () => {
  it("ends every open stream (so a graceful shutdown is not held up by them) and runs their cleanup", async () => {
    let cleanups = 0;
    const before = openStreamCount();
    const a = reader(sseResponse(new Request("http://x/"), () => () => void (cleanups += 1)));
    const b = reader(sseResponse(new Request("http://x/"), () => () => void (cleanups += 1)));
    await a.next();
    await b.next();
    await tick();
    expect(openStreamCount()).toBe(before + 2);
    closeAllStreams();
    expect(await a.next()).toBe("closed");
    expect(await b.next()).toBe("closed");
    expect(cleanups).toBe(2);
    expect(openStreamCount()).toBe(before);
  });

  it("when draining for shutdown, also ends streams that start afterwards", async () => {
    closeAllStreams({ drain: true });
    try {
      let started = false;
      const late = reader(
        sseResponse(new Request("http://x/"), () => {
          started = true;
        }),
      );
      expect(await late.next()).toEqual({ retry: "2000" });
      expect(await late.next()).toBe("closed");
      await tick();
      // It never subscribed to anything, so there is nothing to clean up.
      expect(started).toBe(false);
    } finally {
      (globalThis as { brewlineSseDraining?: boolean }).brewlineSseDraining = false;
    }
  });
});

describe("liveStream", () => {
  it("sends the full state first, then re-reads on a matching change only", async () => {
    const listener = new FakeListener();
    let state = { status: "QUEUED" };
    let loads = 0;
    const response = liveStream({
      request: new Request("http://x/"),
      listener,
      event: "order",
      load: async () => {
        loads += 1;
        return state;
      },
      matches: (c) => c.orderId === "o1",
    });
    const r = reader(response);
    expect(await r.nextEvent()).toEqual({ event: "order", data: '{"status":"QUEUED"}' });

    listener.emit({ kind: "changed", orderId: "other", status: "READY" });
    await tick();
    expect(loads).toBe(1);

    state = { status: "IN_PROGRESS" };
    listener.emit({ kind: "changed", orderId: "o1", status: "IN_PROGRESS" });
    expect(await r.nextEvent()).toEqual({ event: "order", data: '{"status":"IN_PROGRESS"}' });
    await r.cancel();
    await tick();
    expect(listener.subscribers.size).toBe(0);
  });

  it("re-reads on resync but does not resend an unchanged state", async () => {
    const listener = new FakeListener();
    let state = { n: 1 };
    let loads = 0;
    const r = reader(
      liveStream({ request: new Request("http://x/"), listener, event: "board", load: async () => (loads++, state), keepAliveMs: 40 }),
    );
    expect(await r.nextEvent()).toMatchObject({ event: "board" });
    listener.emit({ kind: "resync" });
    await tick();
    expect(loads).toBe(2);
    // Only a keep-alive follows, no duplicate board event.
    expect(await r.next()).toEqual({ comment: "keep-alive" });
    state = { n: 2 };
    listener.emit({ kind: "resync" });
    expect(await r.nextEvent()).toEqual({ event: "board", data: '{"n":2}' });
    await r.cancel();
  });

  it("coalesces a burst of changes into one read when debounced", async () => {
    const listener = new FakeListener();
    let loads = 0;
    const r = reader(
      liveStream({ request: new Request("http://x/"), listener, event: "board", debounceMs: 30, load: async () => ({ n: ++loads }) }),
    );
    await r.nextEvent();
    for (let i = 0; i < 10; i++) listener.emit({ kind: "changed", orderId: `o${i}`, status: "QUEUED" });
    expect(await r.nextEvent()).toEqual({ event: "board", data: '{"n":2}' });
    expect(loads).toBe(2);
    await r.cancel();
  });

  it("sends gone and ends the stream when the state disappears", async () => {
    const listener = new FakeListener();
    let exists = true;
    const r = reader(
      liveStream({ request: new Request("http://x/"), listener, event: "order", load: async () => (exists ? { ok: true } : null) }),
    );
    await r.nextEvent();
    exists = false;
    listener.emit({ kind: "resync" });
    expect(await r.nextEvent()).toEqual({ event: "gone", data: "{}" });
    expect(await r.next()).toBe("closed");
    expect(listener.subscribers.size).toBe(0);
  });

  it("closes the stream (so the browser reconnects) when the first read fails", async () => {
    const listener = new FakeListener();
    const r = reader(
      liveStream({
        request: new Request("http://x/"),
        listener,
        event: "order",
        load: async () => {
          throw new Error("database down");
        },
      }),
    );
    expect(await r.nextEvent()).toBe("closed");
    expect(listener.subscribers.size).toBe(0);
  });

  it("retries a failed re-read later instead of dropping the change", async () => {
    const listener = new FakeListener();
    let fail = false;
    let n = 0;
    const r = reader(
      liveStream({
        request: new Request("http://x/"),
        listener,
        event: "order",
        retryAfterErrorMs: 30,
        load: async () => {
          if (fail) {
            fail = false;
            throw new Error("blip");
          }
          return { n: ++n };
        },
      }),
    );
    await r.nextEvent();
    fail = true;
    listener.emit({ kind: "resync" });
    expect(await r.nextEvent()).toEqual({ event: "order", data: '{"n":2}' });
    await r.cancel();
  });
});
