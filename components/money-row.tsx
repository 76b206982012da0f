import type { ReactNode } from "react";
import { formatMoney } from "./format.ts";

/** One line of a price breakdown (a <dl> row): what it is and the amount in the store's currency. */
export function MoneyRow(props: { label: ReactNode; minor: number; testId?: string; className?: string; labelClassName?: string; amountClassName?: string; included?: boolean }) {
  return (
    <div className={`flex justify-between ${props.className ?? ""}`}>
      <dt className={props.labelClassName ?? "text-muted"}>{props.label}</dt>
      <dd className={`tabular-nums ${props.amountClassName ?? ""}`} data-testid={props.testId} data-included={props.included ? "true" : undefined}>
        {formatMoney(props.minor)}
      </dd>
    </div>
  );
}
