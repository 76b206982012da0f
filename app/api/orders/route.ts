import { clockNow } from "../../../lib/clock.ts";
import { getConfig } from "../../../lib/config.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { clientIp } from "../../../lib/http/client-ip.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../lib/http/web-context.ts";
import { limitOrderRate, orderRateLimitsOf } from "../../../lib/orders/limit-order-rate.ts";
import { phoneSettingsOf, placeOrderInputSchemaFor } from "../../../lib/orders/order-input.ts";
import { placeOrder } from "../../../lib/orders/place-order.ts";
import { paymentsOf } from "../../../lib/payments/payments-of-config.ts";
import { startCheckout } from "../../../lib/payments/start-checkout.ts";

export const dynamic = "force-dynamic";

/**
 * Places an order. 201 for a new order; 200 when the idempotency key matched an order
 * placed earlier (a retry), with the same body. The internal order id is not returned:
 * the status URL's token is the customer's only handle on the order. Only well-formed
 * orders count against the client's rate limit (429 with Retry-After when over).
 */
export const POST = handleRoute(async (request) => {
  const config = getConfig();
  const prisma = getPrisma();
  const input = placeOrderInputSchemaFor(phoneSettingsOf(config)).parse(await readJsonBody(request));
  // Counted beside the menu lookup rather than before it (a round trip less per order);
  // placeOrder writes nothing until the count has let the order through.
  const admit = () =>
    limitOrderRate({
      prisma,
      clientIp: clientIp(request.headers, config.TRUSTED_PROXY_HOPS),
      deviceId: input.deviceId,
      limits: orderRateLimitsOf(config),
    });
  const payments = paymentsOf(config);
  const order = await placeOrder({
    prisma,
    transport: getWebTransport(),
    timeZone: config.STORE_TIMEZONE,
    currency: config.STORE_CURRENCY,
    onlinePayments: payments.online !== null,
    input,
    admit,
    now: clockNow(),
  });
  const statusUrl = `/orders/${order.publicToken}`;
  // The order is saved whatever happens here: if the checkout cannot open now, the status
  // page offers "Pay now" again (and the order never reaches the kitchen unpaid).
  const checkoutUrl =
    order.status === "AWAITING_PAYMENT"
      ? await startCheckout({ prisma, payments, publicToken: order.publicToken, baseUrl: config.PUBLIC_BASE_URL, expiresMinutes: config.CHECKOUT_EXPIRES_MINUTES }).then(
          (c) => c.checkoutUrl,
          () => null,
        )
      : null;
  return jsonResponse(
    {
      ticketNumber: order.ticketNumber,
      subtotalCents: order.subtotalCents,
      taxCents: order.taxCents,
      tipCents: order.tipCents,
      totalCents: order.totalCents,
      status: order.status,
      pickupAt: order.pickupAt,
      statusUrl,
      checkoutUrl,
    },
    { status: order.created ? 201 : 200, headers: { Location: statusUrl } },
  );
});
