import { errorInfo, logger as rootLogger, type Logger } from "../log.ts";
import type { ChannelChange, ListenerEvent, ListenerSubscriber } from "./pg-listener.ts";

// One computation per change for every open screen of a web process (docs/ARCHITECTURE.md,
// "Live updates").
// Screens showing the same thing share a key (the board, a station's kitchen board, an
// order); a change marks the keys it concerns stale, and all stale keys are computed
// together (one `compute` call, at most one per interval) and each key's payload is
// serialized once and handed to every screen showing it. A screen's own read happens only when it
// connects, so the database work per change does not grow with the number of screens.

export type SharedViewOptions<K, T, C extends ChannelChange> = {
  name: string;
  listener: { subscribe(fn: ListenerSubscriber<C>): () => void };
  /**
   * Whether a change makes this key stale, given what the key showed last (undefined
   * before its first computation): true, false, or "soon" when the change moves it only
   * indirectly (another order moved a waiting order's queue position): such keys are
   * gathered for up to `soonMs`, so a busy shop does not rewrite every waiting
   * customer's page many times a second.
   */
  affects: (change: C, key: K, last: T | undefined) => boolean | "soon";
  /** The current state of every key asked for; a key missing from the map no longer exists ("gone"). */
  compute: (keys: K[]) => Promise<Map<K, T>>;
  /**
   * At most one computation starts per interval: the first change after a quiet spell is
   * computed at once, changes during a busy spell are gathered until the interval is up.
   */
  intervalMs?: number;
  soonMs?: number;
  retryAfterErrorMs?: number;
  logger?: Logger;
};

/**
 * What a screen receives: its key's state serialized once for all of its screens, "gone"
 * when it no longer exists, "failed" when its first read failed (the stream should close
 * so the browser reconnects: without a first state the screen is useless).
 */
export type ViewUpdate = { json: string } | "gone" | "failed";
export type ViewDelivery = (update: ViewUpdate) => void;

type Subscriber = {
  deliver: ViewDelivery;
  /** Refreshes that had started before this screen joined may predate its own first read. */
  joinedAtRefresh: number;
  lastJson: string | undefined;
  pushed: boolean;
};

type Entry<T> = { subscribers: Set<Subscriber>; last: T | undefined };

export class SharedView<K, T, C extends ChannelChange> {
  readonly #opts: SharedViewOptions<K, T, C>;
  readonly #log: Logger;
  readonly #entries = new Map<K, Entry<T>>();
  readonly #stale = new Set<K>();
  readonly #soon = new Set<K>();
  #lastSoonSweep = Number.NEGATIVE_INFINITY;
  #timerDue = 0;
  #lastStart = Number.NEGATIVE_INFINITY;
  /** After a failed computation, none before this time (whatever changes arrive). */
  #notBefore = 0;
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  /** Computations started so far; also what orders a screen's first read against them. */
  #computations = 0;

  constructor(options: SharedViewOptions<K, T, C>) {
    this.#opts = options;
    this.#log = (options.logger ?? rootLogger).child({ component: "shared-view", view: options.name });
  }

  /** How many times `compute` ran (each call covers every stale key). */
  get computations(): number {
    return this.#computations;
  }

  get keyCount(): number {
    return this.#entries.size;
  }

  /**
   * Adds a screen for `key`. `first` is the screen's own read of the current state, started
   * only once the screen is registered, so no change can fall between the two; it is
   * delivered unless a computation that started after the screen joined got there first
   * (that one is at least as new). Returns the function that removes the screen.
   */
  join(key: K, deliver: ViewDelivery, first: () => Promise<T | null>): () => void {
    this.#listen();
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { subscribers: new Set(), last: undefined };
      this.#entries.set(key, entry);
    }
    const subscriber: Subscriber = { deliver, joinedAtRefresh: this.#computations, lastJson: undefined, pushed: false };
    entry.subscribers.add(subscriber);
    const owner = entry;
    first().then(
      (state) => {
        if (subscriber.pushed || !owner.subscribers.has(subscriber)) return;
        if (owner.last === undefined && state !== null) owner.last = state;
        this.#send(subscriber, state === null ? "gone" : { json: JSON.stringify(state) });
      },
      (error: unknown) => {
        if (subscriber.pushed || !owner.subscribers.has(subscriber)) return;
        this.#log.warn({ err: errorInfo(error) }, "live view could not read its first state");
        subscriber.pushed = true;
        deliver("failed");
      },
    );
    return () => {
      owner.subscribers.delete(subscriber);
      if (owner.subscribers.size === 0 && this.#entries.get(key) === owner) {
        this.#entries.delete(key);
        this.#stale.delete(key);
        this.#soon.delete(key);
      }
    };
  }

  /** Stops listening and forgets every screen (tests, shutdown). */
  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#entries.clear();
    this.#stale.clear();
    this.#soon.clear();
  }

  #listen(): void {
    this.#unsubscribe ??= this.#opts.listener.subscribe((change) => this.#onChange(change));
  }

  #onChange(change: ListenerEvent<C>): void {
    for (const [key, entry] of this.#entries) {
      const affected = change.kind === "resync" || this.#opts.affects(change, key, entry.last);
      if (affected === true) this.#stale.add(key);
      else if (affected === "soon") this.#soon.add(key);
    }
    this.#scheduleNext();
  }

  get #intervalMs(): number {
    return this.#opts.intervalMs ?? 100;
  }

  get #soonMs(): number {
    return this.#opts.soonMs ?? 1_000;
  }

  /** The next computation: once the interval since the last one is up for stale keys, or when "soon" keys are due. */
  #scheduleNext(): void {
    const now = Date.now();
    const intervalUp = this.#lastStart + this.#intervalMs - now;
    if (this.#stale.size > 0) this.#schedule(intervalUp);
    else if (this.#soon.size > 0) this.#schedule(Math.max(intervalUp, this.#lastSoonSweep + this.#soonMs - now));
  }

  #schedule(delayMs: number): void {
    if (this.#running) return;
    // Never synchronously: the other notifications of the same commit arrive in the same tick.
    const due = Math.max(Date.now() + Math.max(0, delayMs), this.#notBefore);
    delayMs = due - Date.now();
    if (this.#timer) {
      if (this.#timerDue <= due) return;
      clearTimeout(this.#timer);
    }
    this.#timerDue = due;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#refresh();
    }, delayMs);
    // A process that is shutting down must not stay up for a retry.
    this.#timer.unref?.();
  }

  async #refresh(): Promise<void> {
    const now = Date.now();
    // "Soon" keys ride along once their time has come (an interval early is close enough).
    if (this.#soon.size > 0 && now - this.#lastSoonSweep >= this.#soonMs - this.#intervalMs) {
      for (const key of this.#soon) this.#stale.add(key);
      this.#soon.clear();
      this.#lastSoonSweep = now;
    }
    for (const key of this.#stale) this.#soon.delete(key);
    const keys = [...this.#stale].filter((key) => this.#entries.has(key));
    this.#stale.clear();
    if (keys.length === 0) {
      this.#scheduleNext();
      return;
    }
    this.#running = true;
    this.#lastStart = now;
    const refresh = ++this.#computations;
    try {
      const states = await this.#opts.compute(keys);
      for (const key of keys) this.#publish(key, states.get(key) ?? null, refresh);
    } catch (error) {
      this.#log.warn({ err: errorInfo(error), keys: keys.length }, "live view could not be computed; retrying");
      for (const key of keys) this.#stale.add(key);
      this.#running = false;
      this.#notBefore = Date.now() + (this.#opts.retryAfterErrorMs ?? 3_000);
      this.#scheduleNext();
      return;
    }
    this.#running = false;
    // Changes that arrived during the computation get the next one, once the interval is up.
    this.#scheduleNext();
  }

  #publish(key: K, state: T | null, refresh: number): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    entry.last = state ?? undefined;
    const update: ViewUpdate = state === null ? "gone" : { json: JSON.stringify(state) };
    for (const subscriber of [...entry.subscribers]) {
      if (subscriber.joinedAtRefresh >= refresh) continue;
      subscriber.pushed = true;
      this.#send(subscriber, update);
    }
  }

  #send(subscriber: Subscriber, update: ViewUpdate): void {
    if (typeof update === "object") {
      // The same state twice (e.g. a resync that found nothing new) is not re-sent.
      if (update.json === subscriber.lastJson) return;
      subscriber.lastJson = update.json;
    }
    try {
      subscriber.deliver(update);
    } catch (error) {
      this.#log.warn({ err: errorInfo(error) }, "live view subscriber threw");
    }
  }
}
