import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../lib/http/web-context.ts";
import { phoneSettingsOf } from "../../../../lib/orders/order-input.ts";
import { placeOrder } from "../../../../lib/orders/place-order.ts";
import { walkUpBodySchemaFor } from "./schema.ts";
import { kdsStaff } from "../staff-action.ts";

export const dynamic = "force-dynamic";

/**
 * A barista enters a customer's order at the counter. It takes the web order's path
 * (outbox, queue, worker) with source WALK_UP, and is taken even while the store is
 * closed, paused or at capacity for online orders. paymentMethod records how it was paid
 * at the till (CASH, CARD_AT_TILL: paid) or not yet (PAY_AT_PICKUP). 201 for a new order,
 * 200 with the same body for a retried idempotency key.
 */
export const POST = handleRoute(async (request) => {
  const staff = await kdsStaff(request);
  const config = getConfig();
  const { paymentMethod, ...input } = walkUpBodySchemaFor(phoneSettingsOf(config)).parse(await readJsonBody(request));
  const order = await placeOrder({ prisma: getPrisma(), transport: getWebTransport(), timeZone: config.STORE_TIMEZONE, input, source: "WALK_UP", keyedInBy: staff, paymentMethod });
  const statusUrl = `/orders/${order.publicToken}`;
  return jsonResponse(
    { ticketNumber: order.ticketNumber, totalCents: order.totalCents, statusUrl },
    { status: order.created ? 201 : 200, headers: { Location: statusUrl } },
  );
});
