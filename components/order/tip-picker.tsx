"use client";

import { useId, useRef, useState } from "react";
import { formatMoney, storeMoney } from "../format.ts";
import { exampleAmount, tipPresets, type TipSelection } from "./tip-math.ts";
import type { PaymentPanel } from "./use-checkout.ts";

const percentText = (percent: number) => new Intl.NumberFormat(storeMoney().locale, { style: "percent" }).format(percent / 100);

/**
 * No tip, 10/15/20 % of the menu prices, or an amount of the customer's own, each button
 * showing what it adds. Toggle buttons (aria-pressed); the custom amount is typed in the
 * store's currency, in major units ("1.50"; whole yen for JPY).
 */
export function TipPicker({ panel, inputId, error }: { panel: PaymentPanel; inputId: string; error?: string }) {
  const labelId = useId();
  const hintId = useId();
  const money = storeMoney();
  // What was typed survives a tap on a preset and back.
  const [customText, setCustomText] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const selected = panel.tip;
  const isCustom = "custom" in selected;
  const choose = (tip: TipSelection) => panel.setTip(tip);

  return (
    <div className="mt-4" role="group" aria-labelledby={labelId} data-testid="tip-picker">
      <p id={labelId} className="text-sm font-medium">
        Add a tip
      </p>
      <div className="mt-2 grid grid-cols-5 gap-1.5">
        {tipPresets(panel.subtotal).map(({ percent, amount }) => {
          const pressed = !isCustom && selected.percent === percent;
          return (
            <TipButton key={percent} testId={`tip-${percent}`} pressed={pressed} onClick={() => choose({ percent })} label={percent === 0 ? "No tip" : percentText(percent)}>
              {formatMoney(amount)}
            </TipButton>
          );
        })}
        <TipButton
          testId="tip-custom"
          pressed={isCustom}
          label="Custom"
          onClick={() => {
            choose({ custom: customText });
            // After React shows the field.
            setTimeout(() => inputRef.current?.focus(), 0);
          }}
        >
          {isCustom && panel.resolvedTip.problem === null ? formatMoney(panel.resolvedTip.amount) : "…"}
        </TipButton>
      </div>
      {isCustom && (
        <div className="mt-3">
          <label htmlFor={inputId} className="text-sm font-medium">
            Tip amount <span className="font-normal text-muted">({money.currency})</span>
          </label>
          <div className="mt-1 flex items-center gap-2">
            {money.prefix.trim() && <span aria-hidden="true" className="text-muted">{money.prefix.trim()}</span>}
            <input
              ref={inputRef}
              id={inputId}
              name="tip"
              data-testid="tip-custom-amount"
              type="text"
              inputMode={money.digits === 0 ? "numeric" : "decimal"}
              autoComplete="off"
              maxLength={12}
              placeholder={exampleAmount(money)}
              value={selected.custom}
              onChange={(e) => {
                setCustomText(e.target.value);
                choose({ custom: e.target.value });
              }}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-error` : hintId}
              className="block min-h-12 w-full rounded-xl border border-line bg-bg px-3.5 text-base tabular-nums placeholder:text-muted/80 focus:border-accent aria-[invalid=true]:border-danger"
            />
            {money.suffix.trim() && <span aria-hidden="true" className="text-muted">{money.suffix.trim()}</span>}
          </div>
          <p id={hintId} className="mt-1 text-xs text-muted">
            Up to the price of your order.
          </p>
        </div>
      )}
      {error && (
        <p id={`${inputId}-error`} data-testid="field-error" className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

function TipButton({ testId, pressed, label, onClick, children }: { testId: string; pressed: boolean; label: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      data-testid={testId}
      aria-pressed={pressed}
      onClick={onClick}
      className={`flex min-h-14 flex-col items-center justify-center rounded-xl border px-1 text-sm leading-tight transition-colors ${
        pressed ? "border-accent bg-accent-soft font-semibold" : "border-line bg-bg hover:border-accent/60"
      }`}
    >
      <span>{label}</span>
      <span className="text-xs tabular-nums text-muted">{children}</span>
    </button>
  );
}
