import { z } from "zod";
import type { PaymentMethod } from "../../../../lib/generated/prisma/enums.ts";
import { orderFieldsFor, phoneRules, requireNotifyConsent, type PhoneRules, type PhoneSettings } from "../../../../lib/orders/order-input.ts";

/** How a counter order was paid: at the till in cash or by card, or not yet (paid at pickup). */
const WALK_UP_PAYMENT_METHODS = ["CASH", "CARD_AT_TILL", "PAY_AT_PICKUP"] as const satisfies readonly Exclude<PaymentMethod, "ONLINE">[];
export type WalkUpPaymentMethod = (typeof WALK_UP_PAYMENT_METHODS)[number];

// A walk-up order is the customer's order taken at the counter: the same fields and
// rules as an order from the web, without the device id (there is no rate limit), and
// with how it was paid. Left out, it is "not paid yet", as every counter order was before
// the till recorded it: a request from an older kitchen screen still means that.
const makeSchema = (rules: PhoneRules) =>
  z
    .strictObject({
      ...orderFieldsFor(rules),
      paymentMethod: z.enum(WALK_UP_PAYMENT_METHODS, { error: `paymentMethod must be one of ${WALK_UP_PAYMENT_METHODS.join(", ")}` }).default("PAY_AT_PICKUP"),
    })
    .superRefine(requireNotifyConsent);

const schemas = new Map<string, ReturnType<typeof makeSchema>>();

export function walkUpBodySchemaFor(settings: PhoneSettings): ReturnType<typeof makeSchema> {
  const rules = phoneRules(settings);
  let schema = schemas.get(rules.key);
  if (!schema) {
    schema = makeSchema(rules);
    schemas.set(rules.key, schema);
  }
  return schema;
}
