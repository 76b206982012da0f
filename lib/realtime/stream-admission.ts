import { getConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { clientIp } from "../http/client-ip.ts";
import { handleRoute, loggedByThrower } from "../http/handle-route.ts";
import { refusalSummary, type StreamCap } from "./refusal-summary.ts";

// Each open live stream holds a socket and a listener subscription, and most re-read
// Postgres on every order change, so one client must not hold an unbounded number of
// them. The counts are this process's: every web process guards itself, so behind a
// balancer an address may hold (processes × its cap) in all.

const STREAM_RETRY_AFTER_SECONDS = 30;

export type StreamLimits = { perAddress: number; perProcess: number };

/** Public streams count per address; staff streams (signed in) only toward the process. */
export type StreamAudience = "public" | "staff";

/**
 * Slots kept for staff streams when the process is full: a flood of public streams from
 * many addresses must not lock the kitchen's screens out, the one view a café cannot
 * work without.
 */
export const staffReserve = (perProcess: number) => Math.min(20, Math.floor(perProcess / 10));

const REFUSAL = {
  address: { code: "RATE_LIMITED", message: "Too many live connections from your network" },
  process: { code: "UNAVAILABLE", message: "Too many live connections to this server" },
} as const;

export class StreamAdmission {
  readonly #perAddress = new Map<string, number>();
  #open = 0;

  /** `onRefused` hears of every refusal, which is then not logged per request (see refusal-summary.ts). */
  constructor(
    private readonly limits: () => StreamLimits,
    private readonly onRefused: (cap: StreamCap) => void = () => undefined,
  ) {}

  #refuse(cap: StreamCap): never {
    this.onRefused(cap);
    const { code, message } = REFUSAL[cap];
    throw loggedByThrower(
      new AppError(code, `${message}; retrying in ${STREAM_RETRY_AFTER_SECONDS} s`, { retryAfterSeconds: STREAM_RETRY_AFTER_SECONDS }),
    );
  }

  /**
   * Takes a slot or throws the refusal (429 for the address, 503 for the process). The
   * returned release gives it back and does nothing the second time.
   */
  admit(audience: StreamAudience, address: string): () => void {
    const { perAddress, perProcess } = this.limits();
    const counted = audience === "public" ? address : null;
    if (counted !== null && (this.#perAddress.get(counted) ?? 0) >= perAddress) this.#refuse("address");
    const room = audience === "public" ? perProcess - staffReserve(perProcess) : perProcess;
    if (this.#open >= room) this.#refuse("process");

    this.#open += 1;
    if (counted !== null) this.#perAddress.set(counted, (this.#perAddress.get(counted) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#open -= 1;
      if (counted === null) return;
      const left = (this.#perAddress.get(counted) ?? 1) - 1;
      // Deleted at zero: the map never holds more entries than there are open streams.
      if (left > 0) this.#perAddress.set(counted, left);
      else this.#perAddress.delete(counted);
    };
  }

  get open(): number {
    return this.#open;
  }

  openFrom(address: string): number {
    return this.#perAddress.get(address) ?? 0;
  }

  get addresses(): number {
    return this.#perAddress.size;
  }
}

// On globalThis: each route may be bundled with its own copy of this module, and the
// caps are for the whole process.
const globalForStreams = globalThis as unknown as { brewlineStreamAdmission?: StreamAdmission };

/** The process's admission, with the limits from the config (read at each admission, so tests may set them first). */
export function processStreams(): StreamAdmission {
  return (globalForStreams.brewlineStreamAdmission ??= new StreamAdmission(() => {
    const config = getConfig();
    return { perAddress: config.STREAM_LIMIT_PER_ADDRESS, perProcess: config.STREAM_LIMIT_PER_PROCESS };
  }, refusalSummary()));
}

// Admitted requests whose stream has not started yet; sseResponse takes the slot over.
const pending = new WeakMap<Request, () => void>();

/**
 * A route that answers with an event stream: admits it before the handler runs (so a
 * refused client costs no database work, staff sign-in checks included) and, once
 * sseResponse took the slot, holds it until the stream ends. A handler that throws or
 * answers without a stream (a 404, say) gives the slot back at once.
 */
export function streamRoute<C = unknown>(
  audience: StreamAudience,
  handler: (request: Request, context: C) => Response | Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return handleRoute(async (request: Request, context: C) => {
    pending.set(request, processStreams().admit(audience, clientIp(request.headers, getConfig().TRUSTED_PROXY_HOPS)));
    try {
      return await handler(request, context);
    } finally {
      takeStreamSlot(request)?.();
    }
  });
}

/** For sseResponse: the request's slot, now the stream's to release when it finishes. */
export function takeStreamSlot(request: Request): (() => void) | undefined {
  const release = pending.get(request);
  pending.delete(request);
  return release;
}
