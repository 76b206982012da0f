import { describe, expect, it } from "vitest";
import { POST as walkUpRouteUnsigned } from "../../app/api/kds/walk-up/route.ts";
import { POST as placeOrderRoute } from "../../app/api/orders/route.ts";
import { placeOrderInputSchema } from "../../lib/orders/order-input.ts";
import { KEY_REUSED_MESSAGE, placeOrder } from "../../lib/orders/place-order.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { asStaff } from "../support/staff-session.ts";

// An idempotency key answers a retry with the order it placed, status link and all.
// Only a true retry may get that answer: the same device sending the same order. A key
// seen in a log or a shared screenshot must not be a way to someone else's order.

const ctx = setupRouteTestStack();
const walkUpRoute = asStaff(walkUpRouteUnsigned, () => ctx.stack.prisma, "barista");

let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${++n}-abcdefgh`;
const order = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: unique("idem-key"),
  deviceId: unique("device"),
  customerName: "Ada",
  items: [{ menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] }],
  ...overrides,
});

const send = async (route: typeof placeOrderRoute, url: string, body: unknown) => {
  const response = await route(new Request(`http://localhost:3000${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), {});
  return { status: response.status, location: response.headers.get("location"), text: await response.text() };
};
const postOrder = (body: unknown) => send(placeOrderRoute, "/api/orders", body);

describe("a used idempotency key", () => {
  it("answers the same device's same order again with the same status link (200)", async () => {
    const body = order();
    const first = await postOrder(body);
    expect(first.status).toBe(201);
    // Key order and spacing are not part of the order.
    const reordered = { items: body.items, customerName: ` ${body.customerName} `, deviceId: body.deviceId, idempotencyKey: body.idempotencyKey };
    const retry = await postOrder(reordered);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);
    expect(retry.location).toBe(first.location);
  });

  it.each([
    ["another order", (o: ReturnType<typeof order>) => ({ ...o, customerName: "Mallory" })],
    ["another quantity", (o: ReturnType<typeof order>) => ({ ...o, items: [{ ...o.items[0]!, quantity: 3 }] })],
    ["another device", (o: ReturnType<typeof order>) => ({ ...o, deviceId: unique("other-device") })],
    ["no device", (o: ReturnType<typeof order>) => ({ ...o, deviceId: undefined })],
  ])("refuses %s with 409 and nothing of the first order", async (_, change) => {
    const body = order();
    const first = await postOrder(body);
    expect(first.status).toBe(201);
    const token = (JSON.parse(first.text) as { statusUrl: string }).statusUrl.split("/").pop()!;
    const before = await ctx.stack.prisma.order.count();

    const reused = await postOrder(change(body));
    expect(reused.status).toBe(409);
    expect(JSON.parse(reused.text)).toEqual({ error: { code: "CONFLICT", message: KEY_REUSED_MESSAGE } });
    expect(reused.text).not.toContain(token);
    expect(reused.text).not.toContain("statusUrl");
    expect(reused.location).toBeNull();
    expect(await ctx.stack.prisma.order.count()).toBe(before);
  });

  it("binds a counter order's key the same way", async () => {
    const body = { idempotencyKey: unique("walk-up"), customerName: "Walk-in", items: [{ menuItemId: "tea", quantity: 1 }] };
    const first = await send(walkUpRoute, "/api/kds/walk-up", body);
    expect(first.status).toBe(201);
    const retry = await send(walkUpRoute, "/api/kds/walk-up", body);
    expect([retry.status, retry.text]).toEqual([200, first.text]);
    const other = await send(walkUpRoute, "/api/kds/walk-up", { ...body, customerName: "Someone else" });
    expect(other.status).toBe(409);
    expect(other.text).not.toContain("statusUrl");
    // The same key from the web is another request too.
    expect((await postOrder({ ...body, deviceId: unique("device") })).status).toBe(409);
  });

  it("keeps orders placed before the hash existed from answering anyone", async () => {
    const body = order();
    expect((await postOrder(body)).status).toBe(201);
    await ctx.stack.prisma.order.update({ where: { idempotencyKey: body.idempotencyKey }, data: { requestHash: null } });
    const retry = await postOrder(body);
    expect(retry.status).toBe(409);
    expect(retry.text).not.toContain("statusUrl");
  });

  it("in one batch, lets the first of two different orders with one key win and refuses the other", async () => {
    const key = unique("batch-key");
    const input = (customerName: string) => placeOrderInputSchema.parse({ idempotencyKey: key, customerName, items: [{ menuItemId: "latte", quantity: 1 }] });
    const place = (customerName: string) =>
      placeOrder({ prisma: ctx.stack.prisma, transport: ctx.stack.transport, timeZone: "UTC", input: input(customerName) }).then(
        (placed) => ({ placed }),
        (error: { code?: string }) => ({ error: error.code }),
      );
    // Started in one event-loop turn, so they share one insert statement.
    const [a, b, aAgain] = await Promise.all([place("Ada"), place("Bob"), place("Ada")]);
    expect(a).toMatchObject({ placed: { created: true } });
    expect(b).toEqual({ error: "CONFLICT" });
    expect(aAgain).toMatchObject({ placed: { created: false, publicToken: (a as { placed: { publicToken: string } }).placed.publicToken } });
    expect(await ctx.stack.prisma.order.count({ where: { idempotencyKey: key } })).toBe(1);
  });
});
