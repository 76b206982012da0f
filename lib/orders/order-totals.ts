import { AppError } from "../errors.ts";

// The one rule for an order's figures, used by the server when it prices an order and by
// the browser for the cart's estimate, so the two cannot disagree. Plain TypeScript (no
// zod: it runs in the customer's bundle). Amounts are whole minor units of the store's
// currency (cents, or yen for JPY); rates are basis points (825 = 8.25 %). The zod schema
// of a tip choice is in tip-choice.ts, so that importing this file adds no zod to a page.

export const TIP_PERCENTS = [0, 10, 15, 20] as const;
export type TipPercent = (typeof TIP_PERCENTS)[number];
/** A tip as the customer picks it: a share of the menu prices, or an amount they typed. */
export type TipChoice = { percent: TipPercent } | { amount: number };

export const NO_TIP: TipChoice = { percent: 0 };

export type OrderTotals = { subtotal: number; tax: number; tip: number; total: number };

function assertAmount(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of minor units, 0 or more (got ${value})`);
}

/** a × b / c rounded half up, in integers (a float product would round 82.5 either way). */
const mulDivHalfUp = (a: number, b: number, c: number) => Math.floor((2 * a * b + c) / (2 * c));

/**
 * Subtotal, tax, tip and total. Tax added on top (US sales tax): tax = subtotal × rate,
 * total = subtotal + tax + tip. Tax included in the prices (VAT): tax is the part of the
 * subtotal that is tax, subtotal × rate / (1 + rate), and the total is subtotal + tip.
 * Tips are never taxed. Tax is rounded half up to the minor unit.
 */
export function orderTotals(options: { subtotal: number; taxRateBasisPoints: number; taxIncluded: boolean; tip: number }): OrderTotals {
  const { subtotal, taxRateBasisPoints: rate, taxIncluded, tip } = options;
  assertAmount(subtotal, "subtotal");
  assertAmount(tip, "tip");
  if (!Number.isInteger(rate) || rate < 0 || rate > 10_000) throw new RangeError(`taxRateBasisPoints must be a whole number from 0 to 10000 (got ${rate})`);
  if (taxIncluded) return { subtotal, tax: mulDivHalfUp(subtotal, rate, 10_000 + rate), tip, total: subtotal + tip };
  const tax = mulDivHalfUp(subtotal, rate, 10_000);
  return { subtotal, tax, tip, total: subtotal + tax + tip };
}

/** What is wrong with a tip for this subtotal, in words for the customer; null when it is fine. */
export function tipProblem(options: { subtotal: number; choice: TipChoice }): string | null {
  const { subtotal, choice } = options;
  if ("percent" in choice) return (TIP_PERCENTS as readonly number[]).includes(choice.percent) ? null : `choose a tip of ${TIP_PERCENTS.join(", ")} %`;
  if (!Number.isSafeInteger(choice.amount) || choice.amount < 0) return "the tip must be a whole amount, 0 or more";
  // A typo (an extra zero) must not triple the bill: a tip larger than the drinks is refused.
  if (choice.amount > subtotal) return "the tip can be at most the price of the order";
  return null;
}

/**
 * The tip in minor units: a percentage of the subtotal (the menu prices, before any tax
 * is added) rounded half up, or the amount given. Throws a VALIDATION AppError about
 * the `tip` field for a choice tipProblem refuses.
 */
export function tipFromChoice(options: { subtotal: number; choice: TipChoice }): number {
  const problem = tipProblem(options);
  if (problem) throw new AppError("VALIDATION", problem, { issues: [{ path: "tip", message: problem }] });
  const { subtotal, choice } = options;
  return "percent" in choice ? mulDivHalfUp(subtotal, choice.percent, 100) : choice.amount;
}
