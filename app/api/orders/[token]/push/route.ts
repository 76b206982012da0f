import { getConfig } from "../../../../../lib/config.ts";
import { limitPushRate } from "../../../../../lib/consent/limit-push-rate.ts";
import { ORDER_NOT_FOUND_MESSAGE, subscribeOrderPush } from "../../../../../lib/consent/subscribe-order-push.ts";
import { unsubscribeOrderPush } from "../../../../../lib/consent/unsubscribe-order-push.ts";
import { getPrisma } from "../../../../../lib/db/prisma.ts";
import { AppError } from "../../../../../lib/errors.ts";
import { clientIp } from "../../../../../lib/http/client-ip.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { orderTokenParamsSchema } from "../schema.ts";
import { MAX_PUSH_BODY_BYTES, pushSubscribeBodySchemaFor } from "./schema.ts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

/** The order's token; 404 when push is off (no VAPID keys) or it cannot be a token. */
async function tokenOf(context: Context): Promise<string> {
  const parsed = orderTokenParamsSchema.safeParse(await context.params);
  if (!getConfig().VAPID_PUBLIC_KEY || !parsed.success) throw new AppError("NOT_FOUND", ORDER_NOT_FOUND_MESSAGE);
  return parsed.data.token;
}

const countAgainstAddress = (request: Request) =>
  limitPushRate({ prisma: getPrisma(), clientIp: clientIp(request.headers, getConfig().TRUSTED_PROXY_HOPS) });

/**
 * "Notify me on this phone": stores the browser's push subscription with the order (the
 * latest browser wins) and records the consent. 200 `{ subscribed: true }`; 400 for an
 * endpoint off the allowed push services or malformed keys, 404 for an unknown token (or
 * push off), 409 once the order is finished, 429 when the address is over its limit.
 */
export const PUT = handleRoute(
  async (request, context: Context) => {
    const publicToken = await tokenOf(context);
    // The body before the limit: a malformed one costs no database work.
    const body = pushSubscribeBodySchemaFor(getConfig().PUSH_ENDPOINT_HOSTS).parse(await readJsonBody(request, MAX_PUSH_BODY_BYTES));
    await countAgainstAddress(request);
    const { endpoint, keys } = body.subscription;
    return jsonResponse(
      await subscribeOrderPush({ prisma: getPrisma(), publicToken, subscription: { endpoint, p256dh: keys.p256dh, auth: keys.auth }, source: body.source }),
    );
  },
  { maxBodyBytes: MAX_PUSH_BODY_BYTES },
);

/** "Stop notifications on this phone": 200 `{ subscribed: false, changed }` (also when it was off), 404 for an unknown token. No body needed. */
export const DELETE = handleRoute(
  async (request, context: Context) => {
    const publicToken = await tokenOf(context);
    await countAgainstAddress(request);
    return jsonResponse(await unsubscribeOrderPush({ prisma: getPrisma(), publicToken }));
  },
  { maxBodyBytes: MAX_PUSH_BODY_BYTES },
);
