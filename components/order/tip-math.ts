import type { MoneyFormat } from "../../lib/money/money-format.ts";
import { parseMoneyInput, type MoneyInputFormat } from "../../lib/money/parse-money-input.ts";
import { TIP_PERCENTS, tipFromChoice, tipProblem, type TipChoice, type TipPercent } from "../../lib/orders/order-totals.ts";

// The checkout's payment choice and tip, kept pure for unit tests. The amounts come from
// lib/orders/order-totals.ts, the rule the server prices the order with, so the tip
// shown on each button is the one charged.

export type PaymentChoice = "online" | "at_pickup";

/** A tip button, or the custom amount as typed (in major units: "1.50", "100" yen). */
export type TipSelection = { percent: TipPercent } | { custom: string };

export const DEFAULT_TIP: TipSelection = { percent: 0 };

/** The preset buttons with the amount each would add to this subtotal. */
export function tipPresets(subtotal: number): { percent: TipPercent; amount: number }[] {
  return TIP_PERCENTS.map((percent) => ({ percent, amount: tipFromChoice({ subtotal, choice: { percent } }) }));
}

/** "1.50" in the store's way of writing a plain number (the custom field's example), e.g. "1,50". */
export const exampleAmount = (money: Pick<MoneyFormat, "digits" | "decimal">) => (money.digits === 0 ? "100" : `1${money.decimal}${"5".padEnd(money.digits, "0")}`);

export type ResolvedTip = { choice: TipChoice; amount: number; problem: null } | { choice: null; amount: 0; problem: string };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The tip the order will carry, or what is wrong with the custom amount. */
export function resolveTip(selection: TipSelection, subtotal: number, money: MoneyInputFormat): ResolvedTip {
  if ("percent" in selection) return { choice: selection, amount: tipFromChoice({ subtotal, choice: selection }), problem: null };
  if (selection.custom.trim() === "") return { choice: null, amount: 0, problem: "Enter a tip amount, or choose No tip" };
  const amount = parseMoneyInput(selection.custom, money);
  if (amount === null) return { choice: null, amount: 0, problem: `Enter the tip as an amount, e.g. ${exampleAmount(money)}` };
  const choice: TipChoice = { amount };
  const problem = tipProblem({ subtotal, choice });
  return problem ? { choice: null, amount: 0, problem: capitalise(problem) } : { choice, amount, problem: null };
}
