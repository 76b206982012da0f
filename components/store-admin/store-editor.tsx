"use client";

import { useCallback, useState, type ReactNode } from "react";
import type { KdsSettings } from "../../lib/kitchen/kitchen-types.ts";
import type { SlotSettings } from "../../lib/store/slot-settings.ts";
import type { OpeningHours } from "../../lib/store/opening-hours.ts";
import type { StoreState } from "../../lib/store/store-state.ts";
import { basisPointsToPercent, percentToBasisPoints } from "../../lib/store/tax-rate.ts";
import type { FieldErrors } from "../api/api-client.ts";
import { Field, FormMessage, primaryButton, TextInput, Toggle } from "../admin/form-parts.tsx";
import { useAdminAction } from "../admin/use-admin-action.ts";
import { BusyMode } from "./busy-mode.tsx";
import { HoursEditor } from "./hours-editor.tsx";
import { SchedulingEditor } from "./scheduling-editor.tsx";

export type StoreEditorData = SlotSettings & {
  acceptingOrders: boolean;
  openingHours: OpeningHours | null;
  pausedUntil: string | null;
  maxOpenOrders: number | null;
  taxRateBasisPoints: number;
  pricesIncludeTax: boolean;
  kitchen: KdsSettings;
  state: StoreState;
  openOrders: number;
  timeZone: string;
  renderedAt: string;
};

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-2xl border border-line bg-surface p-5">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The store page: whether and when customers can order, busy mode, ordering ahead, limits, tax and kitchen timings. */
export function StoreEditor({ data }: { data: StoreEditorData }) {
  const action = useAdminAction();
  const [capacity, setCapacity] = useState(data.maxOpenOrders === null ? "" : String(data.maxOpenOrders));
  const [tax, setTax] = useState(basisPointsToPercent(data.taxRateBasisPoints));
  const [taxIncluded, setTaxIncluded] = useState(data.pricesIncludeTax);
  const [kitchen, setKitchen] = useState({ warn: String(data.kitchen.warnAfterSeconds), late: String(data.kitchen.lateAfterSeconds), board: String(data.kitchen.boardReadySeconds) });
  const [errors, setErrors] = useState<FieldErrors>({});
  const refresh = action.run;
  const slots: SlotSettings = { scheduledOrders: data.scheduledOrders, slotMinutes: data.slotMinutes, slotDrinks: data.slotDrinks, slotDrinksByWeekday: data.slotDrinksByWeekday };
  const onEnded = useCallback(() => void refresh("/api/admin/store", { method: "GET" }), [refresh]);

  const save = async (body: unknown, success: string) => {
    const result = await action.run("/api/admin/store", { method: "PATCH", body }, success);
    setErrors(result.ok ? {} : result.fields);
    return result.ok;
  };
  const pause = (minutes: number) => action.run("/api/admin/store/pause", { method: "POST", body: { minutes } }, minutes > 0 ? `Paused for ${minutes} min` : "Orders resumed");

  function saveLimits() {
    const taxRateBasisPoints = percentToBasisPoints(tax);
    const found: FieldErrors = {};
    if (taxRateBasisPoints === null) found.taxRateBasisPoints = "A percentage from 0 to 100, e.g. 8.25";
    if (capacity.trim() !== "" && !/^[1-9]\d{0,3}$/.test(capacity.trim())) found.maxOpenOrders = "A whole number from 1 to 9999, or empty for no limit";
    if (Object.keys(found).length > 0) return setErrors(found);
    void save({ store: { taxRateBasisPoints, pricesIncludeTax: taxIncluded, maxOpenOrders: capacity.trim() === "" ? null : Number(capacity) } }, "Limits and tax saved");
  }

  function saveKitchen() {
    const values = { warnAfterSeconds: Number(kitchen.warn), lateAfterSeconds: Number(kitchen.late), boardReadySeconds: Number(kitchen.board) };
    void save({ kitchen: values }, "Kitchen timings saved");
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <FormMessage message={action.message?.text ?? null} tone={action.message?.tone ?? "ok"} />
      </div>
      <Card id="ordering-heading" title="Online ordering">
        <p data-testid="store-state" data-state={data.state.state} className="text-muted">
          Customers see: <strong className="text-ink">{data.state.message}</strong> ({data.openOrders} open order{data.openOrders === 1 ? "" : "s"})
        </p>
        <Toggle on={data.acceptingOrders} label="Taking online orders" onText="Taking orders" offText="Closed" testId="accepting-orders" disabled={action.pending} onChange={(on) => void save({ store: { acceptingOrders: on } }, on ? "Ordering is on" : "Ordering is off")} />
      </Card>
      <Card id="busy-heading" title="Busy mode">
        <BusyMode pausedUntil={data.pausedUntil} renderedAt={data.renderedAt} timeZone={data.timeZone} pending={action.pending} onPause={pause} onEnded={onEnded} />
      </Card>
      <Card id="limits-heading" title="Capacity and tax">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="capacity" label="Most open orders at once" error={errors.maxOpenOrders} hint="Empty: no limit">
            <TextInput id="capacity" inputMode="numeric" value={capacity} onChange={(e) => setCapacity(e.target.value)} error={errors.maxOpenOrders} hint />
          </Field>
          <Field id="tax" label={taxIncluded ? "VAT (%)" : "Sales tax (%)"} error={errors.taxRateBasisPoints} hint={taxIncluded ? "e.g. 20" : "e.g. 8.25"}>
            <TextInput id="tax" inputMode="decimal" value={tax} onChange={(e) => setTax(e.target.value)} error={errors.taxRateBasisPoints} hint />
          </Field>
        </div>
        <label className="flex min-h-11 items-start gap-3">
          <input type="checkbox" data-testid="prices-include-tax" className="mt-0.5 size-5 shrink-0" checked={taxIncluded} onChange={(e) => setTaxIncluded(e.target.checked)} />
          <span>
            <span className="font-semibold">Prices include tax (VAT)</span>
            <span className="block text-sm text-muted">
              {taxIncluded ? "Menu prices are what customers pay; receipts show the VAT they include." : "The tax is added to the menu prices at checkout."}
            </span>
          </span>
        </label>
        <button type="button" className={primaryButton} disabled={action.pending} onClick={saveLimits}>
          Save capacity and tax
        </button>
      </Card>
      <Card id="kitchen-heading" title="Kitchen display timings (seconds)">
        <div className="grid gap-4 sm:grid-cols-3">
          {(
            [
              ["warn", "warnAfterSeconds", "Ticket turns yellow after"],
              ["late", "lateAfterSeconds", "…and red after"],
              ["board", "boardReadySeconds", "Ready orders stay on the board"],
            ] as const
          ).map(([key, field, label]) => (
            <Field key={key} id={`kitchen-${key}`} label={label} error={errors[field] ?? (field === "warnAfterSeconds" ? errors.form : undefined)}>
              <TextInput id={`kitchen-${key}`} inputMode="numeric" value={kitchen[key]} onChange={(e) => setKitchen({ ...kitchen, [key]: e.target.value })} error={errors[field]} />
            </Field>
          ))}
        </div>
        <button type="button" className={primaryButton} disabled={action.pending} onClick={saveKitchen}>
          Save kitchen timings
        </button>
      </Card>
      <div className="lg:col-span-2">
        <Card id="scheduling-heading" title="Ordering ahead">
          <SchedulingEditor settings={slots} pending={action.pending} onSave={(values) => save({ store: values }, "Pickup times saved")} />
        </Card>
      </div>
      <div className="lg:col-span-2">
        <Card id="hours-heading" title="Opening hours">
          <HoursEditor hours={data.openingHours} timeZone={data.timeZone} pending={action.pending} onSave={(openingHours) => save({ store: { openingHours } }, "Opening hours saved")} />
        </Card>
      </div>
    </div>
  );
}
