import { z } from "zod";
import { orderFieldsFor, phoneRules, type PhoneSettings } from "../../../../../lib/orders/order-input.ts";

// The number is read as the order form reads a customer's phone (the store's country,
// mobiles in SMS_ALLOWED_COUNTRIES, stored E.164), so a text "from" a customer matches
// the number their orders carry.
const makeSchema = (settings: PhoneSettings) =>
  z.strictObject({
    from: orderFieldsFor(phoneRules(settings)).phone.pipe(z.string({ error: "please give the phone number the text comes from" })),
    message: z.string({ error: "message must be text" }).trim().min(1, "please write the text to send").max(1600, "a text is at most 1600 characters"),
  });

const schemas = new Map<string, ReturnType<typeof makeSchema>>();

export function inboundSmsBodySchemaFor(settings: PhoneSettings): ReturnType<typeof makeSchema> {
  const key = phoneRules(settings).key;
  let schema = schemas.get(key);
  if (!schema) {
    schema = makeSchema(settings);
    schemas.set(key, schema);
  }
  return schema;
}
