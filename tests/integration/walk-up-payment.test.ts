import { describe, expect, it } from "vitest";
import { POST as walkUpRouteUnsigned } from "../../app/api/kds/walk-up/route.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { asStaff } from "../support/staff-session.ts";

// How a counter order was paid, from the barista's "Paid by" choice to the order row
// (kds-routes.test.ts covers the rest of the walk-up route).
const ctx = setupRouteTestStack();
const walkUpRoute = asStaff(walkUpRouteUnsigned, () => ctx.stack.prisma);

let keys = 0;
async function walkUp(extra: Record<string, unknown>) {
  const body = { idempotencyKey: `walk-up-pay-${Date.now()}-${++keys}-abcdef`, customerName: "Till Tom", items: [{ menuItemId: "filter", quantity: 1 }], ...extra };
  const r = await walkUpRoute(new Request("http://localhost/api/kds/walk-up", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), {});
  return { status: r.status, body: (await r.json()) as { statusUrl?: string; error?: { message: string } } };
}

const paymentOf = (statusUrl: string) =>
  ctx.stack.prisma.order.findUniqueOrThrow({ where: { publicToken: statusUrl.split("/").pop()! }, select: { paymentMethod: true, paymentStatus: true, source: true } });

describe("POST /api/kds/walk-up: Paid by", () => {
  it("records cash and card at the till as paid, and not paid yet (or no answer) as unpaid", async () => {
    const cases = [
      [{ paymentMethod: "CASH" }, { paymentMethod: "CASH", paymentStatus: "PAID" }],
      [{ paymentMethod: "CARD_AT_TILL" }, { paymentMethod: "CARD_AT_TILL", paymentStatus: "PAID" }],
      [{ paymentMethod: "PAY_AT_PICKUP" }, { paymentMethod: "PAY_AT_PICKUP", paymentStatus: "UNPAID" }],
      [{}, { paymentMethod: "PAY_AT_PICKUP", paymentStatus: "UNPAID" }],
    ] as const;
    for (const [extra, expected] of cases) {
      const r = await walkUp(extra);
      expect(r.status, JSON.stringify(extra)).toBe(201);
      expect(await paymentOf(r.body.statusUrl!)).toEqual({ ...expected, source: "WALK_UP" });
    }
  });

  it("refuses a payment method the till does not take, keeping nothing", async () => {
    const before = await ctx.stack.prisma.order.count();
    for (const paymentMethod of ["ONLINE", "cheque"]) {
      const r = await walkUp({ paymentMethod });
      expect(r.status).toBe(400);
      expect(r.body.error?.message).toMatch(/paymentMethod must be one of CASH, CARD_AT_TILL, PAY_AT_PICKUP/);
    }
    expect(await ctx.stack.prisma.order.count()).toBe(before);
  });
});
