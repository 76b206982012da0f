import { requireStaff } from "../../../../../lib/auth/require-staff.ts";
import { getConfig } from "../../../../../lib/config.ts";
import { AppError } from "../../../../../lib/errors.ts";
import { handleRoute, jsonResponse, readJsonBody } from "../../../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../../../lib/http/web-context.ts";
import { publishInboundSms } from "../../../../../lib/notifications/publish-inbound-sms.ts";
import { phoneSettingsOf } from "../../../../../lib/orders/order-input.ts";
import { inboundSmsBodySchemaFor } from "./schema.ts";

export const runtime = "nodejs";

/**
 * POST {from, message}: a customer's text to the shop, in local mode. This route is the
 * phone carrier's stand-in: it publishes what AWS two-way SMS would to the inbound SMS
 * topic, and the worker handles it as it would on AWS (STOP, HELP, START). It is the only
 * place the web publishes to SNS, and exists only with the dev SMS inbox (SMS_MODE=inbox).
 * 202 with the text's inboundMessageId: the reply lands in the inbox when the worker has it.
 */
export const POST = handleRoute(async (request) => {
  const config = getConfig();
  if (config.SMS_MODE !== "inbox" || !config.INBOUND_SMS_TOPIC_ARN) throw new AppError("NOT_FOUND", "Not found");
  await requireStaff(request, "manager");
  const { from, message } = inboundSmsBodySchemaFor(phoneSettingsOf(config)).parse(await readJsonBody(request));
  const sent = await publishInboundSms({ sns: getWebTransport().sns, topicArn: config.INBOUND_SMS_TOPIC_ARN, from, body: message });
  return jsonResponse(sent, { status: 202 });
});
