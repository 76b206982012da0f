import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { getOrderBoard } from "../../lib/kitchen/get-order-board.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { readOrderSummary } from "../../lib/orders/get-order-status.ts";
import { createOrderBoardView, createOrderStatusView } from "../../lib/realtime/live-views.ts";
import { LISTENER_APPLICATION_NAME, OrderListener } from "../../lib/realtime/order-listener.ts";
import { sharedStream } from "../../lib/realtime/shared-stream.ts";
import { markQueued, placeTestOrder } from "../support/orders.ts";
import { sseReader } from "../support/sse.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

// The cost of a change must not grow with the number of open screens (issue 15): the
// live views' database client counts every statement it sends, and one order change is
// made with 1 and then 100 customers' status pages open (all waiting, so the change
// moves every one of them).

let stack: TestStack;
let listener: OrderListener;
let pool: pg.Pool;
let prisma: PrismaClient;
let statements = 0;

beforeAll(async () => {
  stack = await startTestStack({ seed: (p) => seedMenu({ prisma: p }) });
  pool = new pg.Pool({ connectionString: stack.pg.url, max: 10 });
  pool.on("error", () => {}); // idle clients die when the stack stops
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
  });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  listener = new OrderListener({ connectionString: stack.pg.url });
  await listener.whenConnected();
});
afterAll(async () => {
  await listener?.stop();
  await prisma?.$disconnect();
  await pool?.end();
  await stack?.stop();
});

async function settle(view: { computations: number }, before: number) {
  const deadline = Date.now() + 10_000;
  while (view.computations === before) {
    if (Date.now() > deadline) throw new Error("the view never computed the change");
    await new Promise((r) => setTimeout(r, 10));
  }
  // Let a computation that is still running finish (and any follow-up window pass).
  await new Promise((r) => setTimeout(r, 300));
}

/** Opens `count` status streams of waiting orders, changes one order, returns the statements that change cost. */
async function statementsForOneChange(count: number): Promise<number> {
  const view = createOrderStatusView({ prisma, listener, intervalMs: 50 });
  const readers: ReturnType<typeof sseReader>[] = [];
  // An order ahead of all the watched ones, which the kitchen will finish.
  const ahead = await placeTestOrder(stack);
  await markQueued(stack.prisma, ahead.orderId);
  for (let i = 0; i < count; i++) {
    const order = await placeTestOrder(stack);
    await markQueued(stack.prisma, order.orderId);
    const summary = (await readOrderSummary({ prisma: stack.prisma, where: { id: order.orderId }, timeZone: "UTC" }))!;
    const response = sharedStream({ request: new Request("http://localhost/"), event: "order", join: (d) => view.join(summary, d) });
    const reader = sseReader(response);
    expect(await reader.nextEvent()).toMatchObject({ event: "order", data: { status: "QUEUED" } });
    readers.push(reader);
  }
  await new Promise((r) => setTimeout(r, 300));

  // One change ahead of all of them: the order ahead is ready, so everyone moves up.
  const computations = view.shared.computations;
  statements = 0;
  await stack.prisma.order.update({ where: { id: ahead.orderId }, data: { status: "READY", readyAt: new Date() } });
  await settle(view.shared, computations);
  const cost = statements;

  // Every screen got its new queue position from that one computation.
  const positions: number[] = [];
  for (const reader of readers) {
    const { data } = (await reader.nextEvent()) as { data: { status: string; queuePosition: number } };
    expect(data.status).toBe("QUEUED");
    positions.push(data.queuePosition);
  }
  expect(positions).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  await Promise.all(readers.map((r) => r.cancel()));
  view.shared.close();
  await stack.prisma.order.updateMany({ where: { status: { in: ["PLACED", "QUEUED", "IN_PROGRESS"] } }, data: { status: "CANCELLED" } });
  return cost;
}

describe("live views: cost per change", () => {
  it("costs the same statements with 1 and with 100 customers' status pages open", async () => {
    const one = await statementsForOneChange(1);
    const hundred = await statementsForOneChange(100);
    expect(one).toBeGreaterThan(0);
    expect(hundred).toBe(one);
  }, 120_000);

  it("computes the order board once for 1 or 20 board screens", async () => {
    const counts: number[] = [];
    for (const screens of [1, 20]) {
      const view = createOrderBoardView({ prisma, listener, intervalMs: 50 });
      const readers = Array.from({ length: screens }, () =>
        sseReader(sharedStream({ request: new Request("http://localhost/"), event: "board", join: (d) => view.join("board", d, () => getOrderBoard({ prisma: stack.prisma })) })),
      );
      await new Promise((r) => setTimeout(r, 200));
      const before = view.computations;
      statements = 0;
      const order = await placeTestOrder(stack);
      await settle(view, before);
      counts.push(statements);
      await markQueued(stack.prisma, order.orderId);
      await Promise.all(readers.map((r) => r.cancel()));
      view.close();
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  }, 60_000);

  it("catches up after the LISTEN connection was lost while an order changed (resync)", async () => {
    const view = createOrderStatusView({ prisma, listener, intervalMs: 50 });
    const order = await placeTestOrder(stack);
    const summary = (await readOrderSummary({ prisma: stack.prisma, where: { id: order.orderId }, timeZone: "UTC" }))!;
    const screen = sseReader(sharedStream({ request: new Request("http://localhost/"), event: "order", join: (d) => view.join(summary, d) }));
    expect(await screen.nextEvent()).toMatchObject({ data: { status: "PLACED" } });

    // No new connections, the listener's killed: the change's notification is lost.
    const admin = new pg.Client({ connectionString: stack.pg.url.replace(/\/brewline$/, "/postgres") });
    await admin.connect();
    await admin.query(`ALTER DATABASE brewline ALLOW_CONNECTIONS false`);
    try {
      await stack.prisma.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME}`;
      await new Promise((r) => setTimeout(r, 300));
      expect(listener.connected).toBe(false);
      const computations = view.shared.computations;
      await markQueued(stack.prisma, order.orderId);
      await new Promise((r) => setTimeout(r, 500));
      expect(view.shared.computations).toBe(computations);
    } finally {
      await admin.query(`ALTER DATABASE brewline ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(await screen.nextEvent(10_000)).toMatchObject({ data: { status: "QUEUED" } });
    await screen.cancel();
    view.shared.close();
  }, 30_000);
});
