import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { LISTENER_APPLICATION_NAME, OrderListener, type OrderChange } from "../../lib/realtime/order-listener.ts";
import { markQueued, placeTestOrder } from "../support/orders.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

let stack: TestStack;
let listener: OrderListener;
const received: OrderChange[] = [];

beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  listener = new OrderListener({ connectionString: stack.pg.url, minDelayMs: 50, maxDelayMs: 500 });
  listener.subscribe((change) => received.push(change));
  await listener.whenConnected();
});
afterAll(async () => {
  await listener?.stop();
  await stack?.stop();
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(received)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const changeOf = (orderId: string, status: string) => () =>
  received.find((c) => c.kind === "changed" && c.orderId === orderId && c.status === status);

describe("OrderListener", () => {
  it("delivers a status change to subscribers", async () => {
    const order = await placeTestOrder(stack);
    await waitFor(changeOf(order.orderId, "PLACED"));
    await markQueued(stack.prisma, order.orderId);
    expect(await waitFor(changeOf(order.orderId, "QUEUED"))).toEqual({ kind: "changed", orderId: order.orderId, status: "QUEUED" });
  });

  it("stops delivering to a subscriber that unsubscribed", async () => {
    const mine: OrderChange[] = [];
    const unsubscribe = listener.subscribe((c) => mine.push(c));
    const order = await placeTestOrder(stack);
    await waitFor(changeOf(order.orderId, "PLACED"));
    expect(mine.some((c) => c.kind === "changed" && c.orderId === order.orderId)).toBe(true);
    unsubscribe();
    const count = mine.length;
    await markQueued(stack.prisma, order.orderId);
    await waitFor(changeOf(order.orderId, "QUEUED"));
    expect(mine).toHaveLength(count);
  });

  it("reconnects after its connection is killed and tells subscribers to resync", async () => {
    const connectsBefore = listener.connectCount;
    const resyncsBefore = received.filter((c) => c.kind === "resync").length;
    const killed = await stack.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME}`;
    expect(killed).toHaveLength(1);
    await stack.prisma.$queryRaw`SELECT pg_terminate_backend(${killed[0]!.pid}::int)`;

    await waitFor(() => (listener.connectCount > connectsBefore && listener.connected ? true : undefined));
    await waitFor(() => (received.filter((c) => c.kind === "resync").length > resyncsBefore ? true : undefined));
    const [after] = await stack.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME}`;
    expect(after!.pid).not.toBe(killed[0]!.pid);

    // And it listens again on the new connection.
    const order = await placeTestOrder(stack);
    await markQueued(stack.prisma, order.orderId);
    await waitFor(changeOf(order.orderId, "QUEUED"));
  });

  it("keeps retrying while Postgres refuses connections, then recovers", async () => {
    const connectsBefore = listener.connectCount;
    // Refuse new connections to the database for a moment, then kill the listener's session.
    const admin = new pg.Client({ connectionString: stack.pg.url.replace(/\/brewline$/, "/postgres") });
    await admin.connect();
    await admin.query(`ALTER DATABASE brewline ALLOW_CONNECTIONS false`);
    const [row] = await stack.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME}`;
    await stack.prisma.$queryRaw`SELECT pg_terminate_backend(${row!.pid}::int)`;
    await new Promise((r) => setTimeout(r, 600));
    expect(listener.connected).toBe(false);
    await admin.query(`ALTER DATABASE brewline ALLOW_CONNECTIONS true`);
    await admin.end();
    await waitFor(() => (listener.connectCount > connectsBefore && listener.connected ? true : undefined), 10_000);
  });
});
