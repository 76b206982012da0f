"use client";

import { MAX_QUANTITY } from "./menu-math.ts";

// Its own file so the cart, which is on the page from the start, does not pull in the
// item sheet, which is loaded when a drink is first tapped (order-builder.tsx).

export function QuantityStepper({ value, onChange, label, size = "lg" }: { value: number; onChange: (n: number) => void; label: string; size?: "lg" | "sm" }) {
  const button = size === "lg" ? "size-12" : "size-10";
  return (
    <div role="group" aria-label={label} className="flex items-center rounded-2xl border border-line">
      <button
        type="button"
        onClick={() => onChange(Math.max(1, value - 1))}
        disabled={value <= 1}
        aria-label="One less"
        className={`${button} grid place-items-center rounded-l-2xl text-xl disabled:opacity-30`}
      >
        −
      </button>
      <output aria-live="polite" className="w-7 text-center text-base font-semibold tabular-nums">
        {value}
      </output>
      <button
        type="button"
        onClick={() => onChange(Math.min(MAX_QUANTITY, value + 1))}
        disabled={value >= MAX_QUANTITY}
        aria-label="One more"
        className={`${button} grid place-items-center rounded-r-2xl text-xl disabled:opacity-30`}
      >
        +
      </button>
    </div>
  );
}
