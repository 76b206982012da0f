import { getConfig } from "../../../../../lib/config.ts";
import { AppError } from "../../../../../lib/errors.ts";
import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse, readBodyBytes } from "../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../lib/http/web-context.ts";
import { paymentsOf } from "../../../../../lib/payments/payments-of-config.ts";
import { receivePaymentWebhook } from "../../../../../lib/payments/receive-payment-webhook.ts";

export const dynamic = "force-dynamic";

/** Checkout session events are a few KB; anything much larger is not Stripe's. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * Stripe's webhook endpoint (README, "Take payments"). The signature is checked over the exact
 * bytes received, so the body is read raw. 200 once applied (or already applied); a 400 for a
 * bad signature; an error lets Stripe retry later.
 */
export const POST = handleRoute(
  async (request) => {
    const config = getConfig();
    const payments = paymentsOf(config);
    if (!payments.online) throw new AppError("NOT_FOUND", "Online payments are not switched on");
    const rawBody = new TextDecoder().decode(await readBodyBytes(request, MAX_WEBHOOK_BYTES));
    const { outcome } = await receivePaymentWebhook({
      prisma: getPrisma(),
      transport: getWebTransport(),
      payments,
      rawBody,
      signature: request.headers.get("stripe-signature"),
    });
    return jsonResponse({ received: true, outcome });
  },
  { maxBodyBytes: MAX_WEBHOOK_BYTES },
);
