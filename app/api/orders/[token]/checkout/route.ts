import { getConfig } from "../../../../../lib/config.ts";
import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { AppError } from "../../../../../lib/errors.ts";
import { handleRoute, jsonResponse } from "../../../../../lib/http/handle-route.ts";
import { paymentsOf } from "../../../../../lib/payments/payments-of-config.ts";
import { startCheckout } from "../../../../../lib/payments/start-checkout.ts";
import { orderTokenParamsSchema } from "../schema.ts";

export const dynamic = "force-dynamic";

/**
 * "Pay now" for an order awaiting payment: 200 `{ checkoutUrl }`, the provider's hosted
 * page to send the browser to (the one still open, or a new one). 409 once it is paid,
 * expired or not paid online, 503 when the provider cannot be reached, 404 for an
 * unknown token. No body needed.
 */
export const POST = handleRoute(async (_request, context: { params: Promise<{ token: string }> }) => {
  const parsed = orderTokenParamsSchema.safeParse(await context.params);
  if (!parsed.success) throw new AppError("NOT_FOUND", "We couldn't find that order");
  const config = getConfig();
  const { checkoutUrl } = await startCheckout({
    prisma: getPrisma(),
    payments: paymentsOf(config),
    publicToken: parsed.data.token,
    baseUrl: config.PUBLIC_BASE_URL,
    expiresMinutes: config.CHECKOUT_EXPIRES_MINUTES,
  });
  return jsonResponse({ checkoutUrl });
});
