import { z } from "zod";
import { orderFieldsFor, phoneRegion, requireNotifyConsent } from "../../../../lib/orders/order-input.ts";

// A walk-up order is the customer's order taken at the counter: the same fields and
// rules as an order from the web, without the device id (there is no rate limit).
const makeSchema = (region: string) => z.strictObject(orderFieldsFor(phoneRegion(region))).superRefine(requireNotifyConsent);

const schemas = new Map<string, ReturnType<typeof makeSchema>>();

export function walkUpBodySchemaFor(region: string): ReturnType<typeof makeSchema> {
  let schema = schemas.get(region);
  if (!schema) {
    schema = makeSchema(region);
    schemas.set(region, schema);
  }
  return schema;
}
