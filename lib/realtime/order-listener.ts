import pg from "pg";
import { getConfig } from "../config.ts";
import { errorInfo, logger as rootLogger, type Logger } from "../log.ts";

// One LISTEN connection per web process, fanned out in memory to every open SSE
// stream. A trigger on "Order" does pg_notify('order_changed', {id,status}).
//
// NOTIFY is fire-and-forget: anything sent while this connection is down is lost. So
// after every (re)connect subscribers get a "resync" and re-read what they show from
// Postgres, and they never trust the payload beyond "this order changed".

export type OrderChange = { kind: "changed"; orderId: string; status: string } | { kind: "resync" };
export type OrderChangeSubscriber = (change: OrderChange) => void;

export type OrderListenerOptions = {
  connectionString: string;
  channel?: string;
  /** First reconnect delay; doubles per failed attempt up to maxDelayMs (with jitter). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A cheap query on the idle connection to notice a silently dead socket. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  logger?: Logger;
};

export const LISTENER_APPLICATION_NAME = "brewline-order-listener";

export class OrderListener {
  readonly #opts: Required<Omit<OrderListenerOptions, "logger">>;
  readonly #log: Logger;
  readonly #subscribers = new Set<OrderChangeSubscriber>();
  #client: pg.Client | undefined;
  #state: "idle" | "connecting" | "connected" | "waiting" | "stopped" = "idle";
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #connectedWaiters: (() => void)[] = [];
  #connects = 0;

  constructor(options: OrderListenerOptions) {
    const channel = options.channel ?? "order_changed";
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid LISTEN channel ${channel}`);
    this.#opts = {
      connectionString: options.connectionString,
      channel,
      minDelayMs: options.minDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 10_000,
      pingIntervalMs: options.pingIntervalMs ?? 30_000,
      pingTimeoutMs: options.pingTimeoutMs ?? 5_000,
    };
    this.#log = (options.logger ?? rootLogger).child({ component: "order-listener" });
  }

  /** Starts listening on first use; the returned function unsubscribes. */
  subscribe(fn: OrderChangeSubscriber): () => void {
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
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    this.#client = client;
    client.on("notification", (msg) => {
      if (msg.channel === this.#opts.channel) this.#onPayload(msg.payload);
    });
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.#opts.channel}`);
    } catch (error) {
      this.#lost(client, error);
      return;
    }
    // stop() may have run while connecting (TS cannot see that across the awaits).
    if (this.#client !== client || this.#isStopped()) {
      await client.end().catch(() => {});
      return;
    }
    if (this.#attempt > 0) this.#log.info({ attempts: this.#attempt }, "order listener reconnected");
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
    this.#log.warn({ err: errorInfo(error), attempt: this.#attempt, retryInMs: jittered }, "order listener connection lost");
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

  #onPayload(payload: string | undefined): void {
    try {
      const parsed = JSON.parse(payload ?? "") as { id?: unknown; status?: unknown };
      if (typeof parsed.id === "string" && typeof parsed.status === "string") {
        this.#emit({ kind: "changed", orderId: parsed.id, status: parsed.status });
        return;
      }
    } catch {
      // fall through
    }
    this.#log.warn({ payload: payload?.slice(0, 200) }, "unexpected order_changed payload; asking subscribers to resync");
    this.#emit({ kind: "resync" });
  }

  #emit(change: OrderChange): void {
    for (const fn of [...this.#subscribers]) {
      try {
        fn(change);
      } catch (error) {
        this.#log.warn({ err: errorInfo(error) }, "order change subscriber threw");
      }
    }
  }
}

const globalForListener = globalThis as unknown as { brewlineOrderListener?: OrderListener };

/** The process's listener, created on first use from DATABASE_URL. */
export function getOrderListener(): OrderListener {
  globalForListener.brewlineOrderListener ??= new OrderListener({ connectionString: getConfig().DATABASE_URL });
  return globalForListener.brewlineOrderListener;
}
