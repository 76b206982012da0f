import { getConfig } from "../../../lib/config.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../lib/http/web-context.ts";
import { placeOrderInputSchema } from "../../../lib/orders/order-input.ts";
import { placeOrder } from "../../../lib/orders/place-order.ts";

export const dynamic = "force-dynamic";

/**
 * Places an order. 201 for a new order; 200 when the idempotency key matched an order
 * placed earlier (a retry), with the same body. The internal order id is not returned:
 * the status URL's token is the customer's only handle on the order.
 */
export const POST = handleRoute(async (request) => {
  const input = placeOrderInputSchema.parse(await readJsonBody(request));
  const order = await placeOrder({
    prisma: getPrisma(),
    transport: getWebTransport(),
    timeZone: getConfig().STORE_TIMEZONE,
    input,
  });
  const statusUrl = `/orders/${order.publicToken}`;
  return jsonResponse(
    { ticketNumber: order.ticketNumber, totalCents: order.totalCents, status: order.status, statusUrl },
    { status: order.created ? 201 : 200, headers: { Location: statusUrl } },
  );
});
