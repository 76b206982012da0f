import { minorUnitsToDecimal } from "../money/money-format.ts";
import { storeMoneyFromEnv } from "../money/store-money.ts";

// One line per change for the audit log, in the words a manager reads them:
// "Price of Latte 4.00 → 4.20", "Renamed Latte → Caffè latte", "86'd Oat milk".

export type FieldSpec<T> = {
  key: keyof T & string;
  /** "Price" → "Price of Latte 4.00 → 4.20"; omit for a field that is only said to have changed. */
  label: string;
  format?: (value: unknown) => string;
  /** Long text: "Description of Latte changed" without the values. */
  quiet?: boolean;
};

const show = (value: unknown) => (value === null || value === undefined || value === "" ? "none" : String(value));

export const money = (value: unknown) => (typeof value === "number" ? minorUnitsToDecimal(value, storeMoneyFromEnv().digits) : show(value));
export const yesNo = (value: unknown) => (value ? "yes" : "no");

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed between two versions of a named thing, for the fields given (only those in `after`). */
export function describeChanges<T extends { name: string }>(before: T, after: Partial<T>, specs: FieldSpec<T>[]): string[] {
  const lines: string[] = [];
  if (after.name !== undefined && after.name !== before.name) lines.push(`Renamed ${before.name} → ${after.name}`);
  const name = after.name ?? before.name;
  for (const spec of specs) {
    if (!(spec.key in after) || same(before[spec.key], after[spec.key])) continue;
    const format = spec.format ?? show;
    lines.push(spec.quiet ? `${spec.label} of ${name} changed` : `${spec.label} of ${name} ${format(before[spec.key])} → ${format(after[spec.key])}`);
  }
  return lines;
}

/** The availability switch: "86'd Oat milk" / "Oat milk back on". */
export const describeAvailability = (name: string, available: boolean) => (available ? `${name} back on` : `86'd ${name}`);
