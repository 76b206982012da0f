import { describe, expect, it } from "vitest";
import { POST as redrive } from "../../app/api/dashboard/dead-letters/redrive/route.ts";
import { POST as resend } from "../../app/api/dashboard/notifications/[id]/resend/route.ts";
import { GET as ordersCsv } from "../../app/api/dashboard/orders-csv/route.ts";
import { placeTestOrder } from "../support/orders.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffHeaders } from "../support/staff-session.ts";

// The manager's dashboard routes called as plain handlers with a real session cookie
// (tests/support/staff-session.ts): managers only, and what each answers.

const ctx = setupRouteTestStack();
const BASE = "http://localhost:3000";
const as = async (role: "manager" | "barista" | null) => (role ? await staffHeaders(ctx.stack.prisma, role) : { "content-type": "application/json" });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe("dashboard routes", () => {
  it("refuse strangers (401) and baristas (403)", async () => {
    const csv = (headers: Record<string, string>) => ordersCsv(new Request(`${BASE}/api/dashboard/orders-csv`, { headers }), undefined);
    expect((await csv(await as(null))).status).toBe(401);
    expect((await csv(await as("barista"))).status).toBe(403);
    const body = JSON.stringify({ messageIds: ["m"] });
    expect((await redrive(new Request(`${BASE}/x`, { method: "POST", headers: await as("barista"), body }), undefined)).status).toBe(403);
    expect((await resend(new Request(`${BASE}/x`, { method: "POST", headers: await as(null) }), params(crypto.randomUUID()))).status).toBe(401);
  });

  it("exports the day's orders as an attachment, one escaped row per order", async () => {
    const a = await placeTestOrder({ ...ctx.stack, customerName: "=HYPERLINK(\"http://evil\")" });
    const b = await placeTestOrder({ ...ctx.stack, customerName: "Ada, Countess" });
    // A checkout nobody paid is not a sale: no row.
    const unpaid = await placeTestOrder(ctx.stack);
    await ctx.stack.prisma.order.update({ where: { id: unpaid.orderId }, data: { status: "PAYMENT_EXPIRED", paymentMethod: "ONLINE" } });
    await ctx.stack.prisma.order.update({ where: { id: b.orderId }, data: { tipCents: 75, totalCents: 535, paymentMethod: "CARD_AT_TILL", paymentStatus: "PAID", claimedBy: "Sam" } });
    const today = new Date().toISOString().slice(0, 10);
    const res = await ordersCsv(new Request(`${BASE}/api/dashboard/orders-csv?from=${today}`, { headers: await as("manager") }), undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="brewline-orders-${today}.csv"`);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${today},${a.ticketNumber},PLACED,ONLINE,"'=HYPERLINK(""http://evil"")"`);
    expect(lines[2]).toContain(`${today},${b.ticketNumber},PLACED,ONLINE,"Ada, Countess"`);
    expect(lines[0]).toMatch(/,subtotal,tax,total,tip,tax_included,payment_method,payment_status,refund_status,barista$/);
    expect(lines[1]).toMatch(/,1× Caffè latte \(Oat milk\),1,4\.60,0\.00,4\.60,0\.00,false,PAY_AT_PICKUP,UNPAID,,$/);
    expect(lines[2]).toMatch(/,1× Caffè latte \(Oat milk\),1,4\.60,0\.00,5\.35,0\.75,false,CARD_AT_TILL,PAID,,Sam$/);
  });

  it("answers 400 for a bad range or body, 404/409 for what cannot be resent or redriven", async () => {
    const manager = await as("manager");
    expect((await ordersCsv(new Request(`${BASE}/api/dashboard/orders-csv?from=nope`, { headers: manager }), undefined)).status).toBe(400);
    expect((await redrive(new Request(`${BASE}/x`, { method: "POST", headers: manager, body: JSON.stringify({ messageIds: [] }) }), undefined)).status).toBe(400);
    const none = await redrive(new Request(`${BASE}/x`, { method: "POST", headers: manager, body: JSON.stringify({ messageIds: ["not-there"] }) }), undefined);
    expect(none.status).toBe(409);
    expect((await resend(new Request(`${BASE}/x`, { method: "POST", headers: manager }), params(crypto.randomUUID()))).status).toBe(404);
    expect((await resend(new Request(`${BASE}/x`, { method: "POST", headers: manager }), params("nope"))).status).toBe(400);
  });
});
