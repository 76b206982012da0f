import { z } from "zod";
import { TIP_PERCENTS, type TipChoice } from "./order-totals.ts";

// The tip's shape as an order request carries it. Kept apart from order-totals.ts, which
// the browser imports, so zod stays out of the customer's bundle. Whether an amount fits
// the order (at most its subtotal) depends on the priced cart: tipFromChoice checks that.

/** A sanity bound before the order is priced; the real cap is the order's subtotal. */
const MAX_TIP_AMOUNT = 10_000_000;

const percentSchema = z.strictObject({
  percent: z.literal(TIP_PERCENTS, { error: `tip.percent must be one of ${TIP_PERCENTS.join(", ")}` }),
});

const amountSchema = z.strictObject({
  amount: z
    .number({ error: "tip.amount must be a number" })
    .int("tip.amount must be whole minor units of the store's currency (cents; yen for JPY)")
    .min(0, "tip.amount cannot be negative")
    .max(MAX_TIP_AMOUNT, "tip.amount is far too large"),
});

export const tipChoiceSchema: z.ZodType<TipChoice> = z.union([percentSchema, amountSchema], {
  error: `tip must be { percent: ${TIP_PERCENTS.join(" | ")} } or { amount: whole minor units }`,
});
