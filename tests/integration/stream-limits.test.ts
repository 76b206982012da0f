import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as boardEventsRoute } from "../../app/api/board/events/route.ts";
import { GET as kdsEventsRouteUnsigned } from "../../app/api/kds/events/route.ts";
import { GET as menuEventsRoute } from "../../app/api/menu/events/route.ts";
import { GET as orderEventsRoute } from "../../app/api/orders/[token]/events/route.ts";
import { createPrismaClient } from "../../lib/db/prisma.ts";
import { processStreams } from "../../lib/realtime/stream-admission.ts";
import { placeQueuedOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { sseReader } from "../support/sse.ts";
import { asStaff } from "../support/staff-session.ts";

// Live streams are capped per client address and per web process, and a refused stream
// costs no database work: the routes as plain functions, with small caps.

const ctx = setupRouteTestStack();
const kdsEventsRoute = asStaff(kdsEventsRouteUnsigned, () => ctx.stack.prisma);
const PER_ADDRESS = 3;
const PER_PROCESS = 6;

// Every query the routes make, counted on the process's own Prisma client (getPrisma
// keeps it on globalThis), to show that a refusal reads nothing.
let queries = 0;
let token: string;
beforeAll(async () => {
  // Read by the routes' config on its first call (after the stack set the rest).
  process.env.STREAM_LIMIT_PER_ADDRESS = String(PER_ADDRESS);
  process.env.STREAM_LIMIT_PER_PROCESS = String(PER_PROCESS);
  (globalThis as { brewlinePrisma?: unknown }).brewlinePrisma = createPrismaClient(ctx.stack.env.DATABASE_URL!).$extends({
    query: {
      $allOperations({ args, query }) {
        queries += 1;
        return query(args);
      },
    },
  });
  token = (await placeQueuedOrder({ prisma: ctx.stack.prisma, transport: ctx.stack.transport })).publicToken;
});

type Route = (request: Request, context: { params: Promise<{ token: string }> }) => Promise<Response>;
const open: { abort: AbortController; response: Response }[] = [];

/** A stream request from a client whose address the proxy in front wrote last in X-Forwarded-For. */
async function connect(route: Route, path: string, forwardedFor: string, params: Record<string, string> = {}) {
  const abort = new AbortController();
  const request = new Request(`http://localhost${path}`, { headers: { "x-forwarded-for": forwardedFor }, signal: abort.signal });
  const response = await route(request, { params: Promise.resolve(params as { token: string }) });
  if (response.ok) open.push({ abort, response });
  return response;
}

const orderStream = (address: string, t = token) => connect(orderEventsRoute as Route, `/api/orders/${t}/events`, address, { token: t });
const boardStream = (address: string) => connect(boardEventsRoute as Route, "/api/board/events", address);
const menuStream = (address: string) => connect(menuEventsRoute as Route, "/api/menu/events", address);
const kdsStream = (address: string) => connect(kdsEventsRoute as Route, "/api/kds/events", address);

async function closeStream(response: Response) {
  const index = open.findIndex((s) => s.response === response);
  const [stream] = open.splice(index, 1);
  stream!.abort.abort();
  await stream!.response.body?.cancel().catch(() => {});
}

async function until(check: () => boolean) {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > 5_000) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function refusal(response: Response) {
  return { status: response.status, retryAfter: response.headers.get("retry-after"), error: ((await response.json()) as { error: unknown }).error };
}

afterEach(async () => {
  for (const { response } of [...open]) await closeStream(response);
  await until(() => processStreams().open === 0);
});

describe("live stream caps", () => {
  it("refuses an address's stream over its cap with 429 and Retry-After before any database read; other addresses still get in", async () => {
    const cafe = "203.0.113.10";
    for (let i = 0; i < PER_ADDRESS; i++) {
      const response = await orderStream(cafe);
      expect(response.status).toBe(200);
      expect(await sseReader(response).nextEvent()).toMatchObject({ event: "order" });
    }
    expect(processStreams().openFrom(cafe)).toBe(PER_ADDRESS);

    const before = queries;
    // An unknown order would be a 404 after a lookup: the refusal comes first.
    const refused = await orderStream(cafe, "no-such-order-token-0000");
    expect(await refusal(refused)).toEqual({
      status: 429,
      retryAfter: "30",
      error: { code: "RATE_LIMITED", message: "Too many live connections from your network; retrying in 30 s", details: { retryAfterSeconds: 30 } },
    });
    // The cap is for all streams of the address, and whatever the client wrote before the proxy's entry.
    expect((await boardStream(cafe)).status).toBe(429);
    expect((await menuStream(`198.51.100.77, ${cafe}`)).status).toBe(429);
    expect(queries).toBe(before);

    // The check itself works: an admitted stream reads its order.
    const elsewhere = await orderStream("198.51.100.20");
    expect(elsewhere.status).toBe(200);
    expect(queries).toBeGreaterThan(before);
    expect((await menuStream("198.51.100.21")).status).toBe(200);
  });

  it("frees the slot when a stream ends, and gives it back at once when the route answers without one", async () => {
    const phone = "203.0.113.11";
    const streams = [];
    for (let i = 0; i < PER_ADDRESS; i++) streams.push(await menuStream(phone));
    expect((await menuStream(phone)).status).toBe(429);
    await closeStream(streams[0]!);
    await until(() => processStreams().openFrom(phone) === PER_ADDRESS - 1);
    expect((await menuStream(phone)).status).toBe(200);

    // A 404 holds no slot.
    await closeStream(streams[1]!);
    await until(() => processStreams().openFrom(phone) === PER_ADDRESS - 1);
    expect((await orderStream(phone, "no-such-order-token-0000")).status).toBe(404);
    expect(processStreams().openFrom(phone)).toBe(PER_ADDRESS - 1);
    expect((await boardStream(phone)).status).toBe(200);
  });

  it("refuses past the process cap with 503 and Retry-After; staff streams skip the address cap but count toward the process", async () => {
    const cafe = "203.0.113.12";
    for (let i = 0; i < PER_ADDRESS; i++) expect((await boardStream(cafe)).status).toBe(200);
    // The kitchen's screens share the café's address with the customers' phones.
    const kitchen = [await kdsStream(cafe), await kdsStream(cafe)];
    for (const response of kitchen) {
      expect(response.status).toBe(200);
      expect(await sseReader(response).nextEvent()).toMatchObject({ event: "board" });
    }
    expect((await menuStream("198.51.100.30")).status).toBe(200);
    expect(processStreams().open).toBe(PER_PROCESS);

    const before = queries;
    expect(await refusal(await boardStream("198.51.100.31"))).toEqual({
      status: 503,
      retryAfter: "30",
      error: { code: "UNAVAILABLE", message: "Too many live connections to this server; retrying in 30 s", details: { retryAfterSeconds: 30 } },
    });
    // Refused before the session is even looked up.
    const unsigned = await connect(kdsEventsRouteUnsigned as Route, "/api/kds/events", "198.51.100.32");
    expect(unsigned.status).toBe(503);
    expect(queries).toBe(before);

    await closeStream(kitchen[0]!);
    await until(() => processStreams().open === PER_PROCESS - 1);
    expect((await boardStream("198.51.100.31")).status).toBe(200);
  });
});
