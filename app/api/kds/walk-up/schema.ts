import { z } from "zod";
import { orderFieldsFor, phoneRules, requireNotifyConsent, type PhoneRules, type PhoneSettings } from "../../../../lib/orders/order-input.ts";

// A walk-up order is the customer's order taken at the counter: the same fields and
// rules as an order from the web, without the device id (there is no rate limit).
const makeSchema = (rules: PhoneRules) => z.strictObject(orderFieldsFor(rules)).superRefine(requireNotifyConsent);

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
