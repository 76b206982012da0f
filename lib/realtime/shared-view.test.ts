import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ListenerEvent, ListenerSubscriber } from "./pg-listener.ts";
import { SharedView, type ViewUpdate } from "./shared-view.ts";

type Change = { kind: "changed"; id: string };

class FakeListener {
  subscribers = new Set<ListenerSubscriber<Change>>();
  subscribe(fn: ListenerSubscriber<Change>) {
    this.subscribers.add(fn);
    return () => void this.subscribers.delete(fn);
  }
  emit(change: ListenerEvent<Change>) {
    for (const fn of this.subscribers) fn(change);
  }
}

/** A "database" of key → value that compute reads, counting its calls. */
function setup(options: { affects?: (change: Change, key: string) => boolean | "soon" } = {}) {
  const listener = new FakeListener();
  const db = new Map<string, number>();
  const calls: string[][] = [];
  let failNext = false;
  let gate: Promise<void> = Promise.resolve();
  const hold = () => {
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    return () => {
      release();
      gate = Promise.resolve();
    };
  };
  const view = new SharedView<string, { value: number }, Change>({
    name: "test",
    listener,
    intervalMs: 50,
    retryAfterErrorMs: 1_000,
    affects: options.affects ?? ((change, key) => change.id === key || change.id === "*"),
    compute: async (keys) => {
      calls.push([...keys].sort());
      if (failNext) {
        failNext = false;
        throw new Error("database down");
      }
      const snapshot = new Map(keys.filter((k) => db.has(k)).map((k) => [k, { value: db.get(k)! }]));
      await gate;
      return snapshot;
    },
  });
  const read = (key: string) => () => Promise.resolve(db.has(key) ? { value: db.get(key)! } : null);
  const screen = (key: string, first = read(key)) => {
    const got: ViewUpdate[] = [];
    const leave = view.join(key, (u) => got.push(u), first);
    return { got, leave, values: () => got.map((u) => (typeof u === "object" ? (JSON.parse(u.json) as { value: number }).value : u)) };
  };
  return { listener, db, calls, view, screen, hold, failOnce: () => (failNext = true) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("SharedView", () => {
  it("sends each screen its own first read, then computes a change once for all screens of the key", async () => {
    const t = setup();
    t.db.set("a", 1);
    const screens = Array.from({ length: 100 }, () => t.screen("a"));
    await vi.advanceTimersByTimeAsync(0);
    expect(screens.every((s) => s.values().join() === "1")).toBe(true);

    t.db.set("a", 2);
    t.listener.emit({ kind: "changed", id: "a" });
    await vi.advanceTimersByTimeAsync(50);
    expect(t.calls).toEqual([["a"]]);
    expect(screens.every((s) => s.values().join() === "1,2")).toBe(true);
    // One serialization for all: every screen got the very same string.
    expect(new Set(screens.map((s) => s.got[1])).size).toBe(1);
  });

  it("computes every stale key of a burst in one call, only keys the changes concern, at most once per interval", async () => {
    const t = setup();
    for (const k of ["a", "b", "c"]) t.db.set(k, 0);
    const [a, b, c] = ["a", "b", "c"].map((k) => t.screen(k));
    await vi.advanceTimersByTimeAsync(0);
    t.db.set("a", 5);
    for (let i = 0; i < 10; i++) t.listener.emit({ kind: "changed", id: i % 2 ? "a" : "b" });
    await vi.advanceTimersByTimeAsync(0);
    // After a quiet spell the burst is computed at once, in one call.
    expect(t.calls).toEqual([["a", "b"]]);
    expect(a!.values()).toEqual([0, 5]);
    // Unchanged state is not re-sent; an unconcerned key is not computed.
    expect(b!.values()).toEqual([0]);
    expect(c!.values()).toEqual([0]);

    await vi.advanceTimersByTimeAsync(10);
    t.listener.emit({ kind: "changed", id: "c" });
    await vi.advanceTimersByTimeAsync(39);
    expect(t.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toEqual([["a", "b"], ["c"]]);
  });

  it("recomputes everything after a resync, and nothing for keys nobody watches any more", async () => {
    const t = setup();
    t.db.set("a", 1).set("b", 1);
    const a = t.screen("a");
    const b = t.screen("b");
    await vi.advanceTimersByTimeAsync(0);
    b.leave();
    expect(t.view.keyCount).toBe(1);
    t.listener.emit({ kind: "resync" });
    await vi.advanceTimersByTimeAsync(50);
    expect(t.calls).toEqual([["a"]]);
    expect(a.values()).toEqual([1]);
  });

  it("drops a slow first read when a computation that started after the screen joined delivered a newer state", async () => {
    const t = setup();
    t.db.set("a", 1);
    let resolveFirst!: (v: { value: number }) => void;
    const slow = t.screen("a", () => new Promise((resolve) => (resolveFirst = resolve)));
    t.db.set("a", 2);
    t.listener.emit({ kind: "changed", id: "a" });
    await vi.advanceTimersByTimeAsync(50);
    resolveFirst({ value: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(slow.values()).toEqual([2]);
  });

  it("does not give a screen the result of a computation that started before it joined", async () => {
    const t = setup();
    t.db.set("a", 1);
    const early = t.screen("a");
    await vi.advanceTimersByTimeAsync(0);
    const release = t.hold();
    t.db.set("a", 2);
    t.listener.emit({ kind: "changed", id: "a" });
    await vi.advanceTimersByTimeAsync(50); // the computation has read 2 and is held
    t.db.set("a", 3);
    const late = t.screen("a");
    await vi.advanceTimersByTimeAsync(0);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(early.values()).toEqual([1, 2]);
    expect(late.values()).toEqual([3]);
  });

  it("tells screens a key is gone, and a failed first read closes only that screen", async () => {
    const t = setup();
    t.db.set("a", 1);
    const a = t.screen("a");
    const broken = t.screen("a", () => Promise.reject(new Error("connection reset")));
    await vi.advanceTimersByTimeAsync(0);
    expect(broken.got).toEqual(["failed"]);
    t.db.delete("a");
    t.listener.emit({ kind: "changed", id: "a" });
    await vi.advanceTimersByTimeAsync(50);
    expect(a.values()).toEqual([1, "gone"]);
  });

  it("retries a failed computation later and keeps the screens' last state meanwhile", async () => {
    const t = setup();
    t.db.set("a", 1);
    const a = t.screen("a");
    await vi.advanceTimersByTimeAsync(0);
    t.failOnce();
    t.db.set("a", 2);
    t.listener.emit({ kind: "changed", id: "a" });
    await vi.advanceTimersByTimeAsync(50);
    expect(a.values()).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.calls).toHaveLength(2);
    expect(a.values()).toEqual([1, 2]);
  });

  it("runs one computation at a time: changes during one are gathered into the next", async () => {
    const t = setup({ affects: () => true });
    t.db.set("a", 1);
    const a = t.screen("a");
    await vi.advanceTimersByTimeAsync(0);
    t.listener.emit({ kind: "changed", id: "x" });
    await vi.advanceTimersByTimeAsync(50);
    for (let i = 0; i < 5; i++) t.listener.emit({ kind: "changed", id: "x" });
    t.db.set("a", 9);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.calls).toHaveLength(2);
    expect(a.values()).toEqual([1, 9]);
  });

  it("gathers keys a change moves only indirectly ('soon') into one computation per second", async () => {
    // "a" is a waiting order moved by any change ("x"); "b" changes itself.
    const t = setup({ affects: (change, key) => change.id === key || (key === "a" && change.id === "x" && "soon") });
    t.db.set("a", 1).set("b", 1);
    t.screen("a");
    t.screen("b");
    await vi.advanceTimersByTimeAsync(0);
    t.listener.emit({ kind: "changed", id: "x" });
    await vi.advanceTimersByTimeAsync(50);
    expect(t.calls).toEqual([["a"]]);
    t.listener.emit({ kind: "changed", id: "x" });
    await vi.advanceTimersByTimeAsync(100);
    t.listener.emit({ kind: "changed", id: "b" });
    await vi.advanceTimersByTimeAsync(50);
    // "b" did not wait for "a", and "a" was not computed again so soon.
    expect(t.calls).toEqual([["a"], ["b"]]);
    for (let i = 0; i < 20; i++) t.listener.emit({ kind: "changed", id: "x" });
    await vi.advanceTimersByTimeAsync(700);
    expect(t.calls).toEqual([["a"], ["b"]]);
    await vi.advanceTimersByTimeAsync(100); // a second after the first sweep
    expect(t.calls).toEqual([["a"], ["b"], ["a"]]);
  });

  it("waits for the retry after a failed computation, however many changes arrive", async () => {
    const t = setup();
    t.db.set("a", 1);
    const a = t.screen("a");
    await vi.advanceTimersByTimeAsync(0);
    t.failOnce();
    t.listener.emit({ kind: "changed", id: "a" });
    await vi.advanceTimersByTimeAsync(50);
    for (let i = 0; i < 5; i++) {
      t.listener.emit({ kind: "changed", id: "a" });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(t.calls).toHaveLength(1);
    t.db.set("a", 2);
    await vi.advanceTimersByTimeAsync(500);
    expect(t.calls).toHaveLength(2);
    expect(a.values()).toEqual([1, 2]);
  });
});
