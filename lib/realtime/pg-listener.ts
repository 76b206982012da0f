import pg from "pg";
import { errorInfo, logger as rootLogger, type Logger } from "../log.ts";

// One LISTEN connection per web process for all its channels (order_changed:
// order-listener.ts; menu_changed: menu-listener.ts; shared in shop-listener.ts), fanned
// out in memory to every live view and stream. One connection, not one per channel:
// Postgres wakes every listening session of the database for every notification, on any
// channel, and each wake-up is a transaction.
//
// NOTIFY is fire-and-forget: anything sent while this connection is down is lost. So
// after every (re)connect subscribers get a "resync" and re-read what they show from
// Postgres, and they never trust the payload beyond "this changed".

/** A notification as the channel's parser reads it; a payload it cannot read becomes a resync. */
export type ChannelChange = { kind: "changed" };
export type ListenerEvent<C extends ChannelChange> = C | { kind: "resync" };
export type ListenerSubscriber<C extends ChannelChange> = (event: ListenerEvent<C>) => void;

/** Reads a payload; null means it is not understood (subscribers are told to resync). */
type ChannelParser<C> = (payload: string | undefined) => C | null;

export type PgListenerOptions<C extends ChannelChange> = {
  connectionString: string;
  /** Each channel listened on, with the parser of its payloads. */
  channels: Record<string, ChannelParser<C>>;
  /** Names the session in pg_stat_activity. */
  applicationName: string;
  /** First reconnect delay; doubles per failed attempt up to maxDelayMs (with jitter). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A cheap query on the idle connection to notice a silently dead socket. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  logger?: Logger;
};

export class PgListener<C extends ChannelChange> {
  readonly #opts: Required<Omit<PgListenerOptions<C>, "logger" | "channels">>;
  readonly #channels: Map<string, ChannelParser<C>>;
  readonly #log: Logger;
  readonly #subscribers = new Set<ListenerSubscriber<C>>();
  #client: pg.Client | undefined;
  #state: "idle" | "connecting" | "connected" | "waiting" | "stopped" = "idle";
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #connectedWaiters: (() => void)[] = [];
  #connects = 0;

  constructor(options: PgListenerOptions<C>) {
    this.#channels = new Map(Object.entries(options.channels));
    for (const channel of this.#channels.keys()) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid LISTEN channel ${channel}`);
    }
    this.#opts = {
      connectionString: options.connectionString,
      applicationName: options.applicationName,
      minDelayMs: options.minDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 10_000,
      pingIntervalMs: options.pingIntervalMs ?? 30_000,
      pingTimeoutMs: options.pingTimeoutMs ?? 5_000,
    };
    this.#log = (options.logger ?? rootLogger).child({ component: "listener", channels: [...this.#channels.keys()] });
  }

  /** Starts listening on first use; the returned function unsubscribes. */
  subscribe(fn: ListenerSubscriber<C>): () => void {
    this.#subscribers.add(fn);
    this.start();
    return () => {
      this.#subscribers.delete(fn);
    };
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  get connected(): boolean {
    return this.#state === "connected";
  }

  /** How many times a LISTEN connection was established (1 = never reconnected). */
  get connectCount(): number {
    return this.#connects;
  }

  start(): void {
    if (this.#state === "idle") void this.#connect();
  }

  /** Resolves once the LISTEN is in place (immediately if it already is). */
  whenConnected(): Promise<void> {
    this.start();
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.#connectedWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.#state = "stopped";
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    const client = this.#client;
    this.#client = undefined;
    this.#subscribers.clear();
    if (client) await client.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    if (this.#state === "stopped") return;
    this.#state = "connecting";
    const client = new pg.Client({
      connectionString: this.#opts.connectionString,
      application_name: this.#opts.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    this.#client = client;
    client.on("notification", (msg) => {
      const parse = this.#channels.get(msg.channel);
      if (parse) this.#onPayload(parse, msg.payload);
    });
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client, new Error("connection ended")));
    try {
      await client.connect();
      for (const channel of this.#channels.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.#lost(client, error);
      return;
    }
    // stop() may have run while connecting (TS cannot see that across the awaits).
    if (this.#client !== client || this.#isStopped()) {
      await client.end().catch(() => {});
      return;
    }
    if (this.#attempt > 0) this.#log.info({ attempts: this.#attempt }, "listener reconnected");
    this.#state = "connected";
    this.#attempt = 0;
    this.#connects += 1;
    this.#startPing(client);
    for (const resolve of this.#connectedWaiters.splice(0)) resolve();
    // Also on the first connect: a subscriber may have read its state before LISTEN was in place.
    this.#emit({ kind: "resync" });
  }

  #isStopped(): boolean {
    return this.#state === "stopped";
  }

  #lost(client: pg.Client, error: unknown): void {
    if (this.#client !== client) return; // an old connection reporting late
    this.#client = undefined;
    clearInterval(this.#pingTimer);
    client.removeAllListeners("notification");
    client.removeAllListeners("end");
    client.removeAllListeners("error");
    client.on("error", () => {});
    void client.end().catch(() => {});
    if (this.#state === "stopped") return;

    const delay = Math.min(this.#opts.maxDelayMs, this.#opts.minDelayMs * 2 ** this.#attempt);
    const jittered = Math.round(delay * (0.5 + Math.random() * 0.5));
    this.#attempt += 1;
    this.#log.warn({ err: errorInfo(error), attempt: this.#attempt, retryInMs: jittered }, "listener connection lost");
    this.#state = "waiting";
    this.#retryTimer = setTimeout(() => void this.#connect(), jittered);
    this.#retryTimer.unref?.();
  }

  #startPing(client: pg.Client): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("ping timed out")), this.#opts.pingTimeoutMs);
      });
      Promise.race([client.query("SELECT 1"), timeout])
        .catch((error: unknown) => this.#lost(client, error))
        .finally(() => clearTimeout(timer));
    }, this.#opts.pingIntervalMs);
    this.#pingTimer.unref?.();
  }

  #onPayload(parse: ChannelParser<C>, payload: string | undefined): void {
    let change: C | null = null;
    try {
      change = parse(payload);
    } catch {
      // treated like a payload the parser rejects
    }
    if (change) {
      this.#emit(change);
      return;
    }
    this.#log.warn({ payload: payload?.slice(0, 200) }, "unexpected notification payload; asking subscribers to resync");
    this.#emit({ kind: "resync" });
  }

  #emit(change: ListenerEvent<C>): void {
    for (const fn of [...this.#subscribers]) {
      try {
        fn(change);
      } catch (error) {
        this.#log.warn({ err: errorInfo(error) }, "listener subscriber threw");
      }
    }
  }
}
