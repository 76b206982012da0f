"use client";

import { useId } from "react";
import { ChoiceCard } from "./choice-card.tsx";
import type { PickupPanel } from "./use-pickup-slots.ts";

/**
 * "As soon as possible" or "Schedule for later" with a time from the offered slots,
 * grouped by day; a slot the order does not fit in shows as full and cannot be chosen.
 * While the store takes no orders for now only scheduling is possible.
 */
export function PickupChoice({ panel, disabled }: { panel: PickupPanel; disabled: boolean }) {
  const base = useId();
  const selectId = `${base}-slot`;
  const noteId = `${base}-note`;
  const scheduled = panel.mode === "scheduled";
  const anyFits = panel.groups.some((g) => g.options.some((o) => !o.disabled));
  const note = !anyFits
    ? "Every time left is full for this order. Try fewer drinks, or check back soon."
    : panel.selected === ""
      ? "Choose a pickup time."
      : panel.stale
        ? "We couldn't refresh the times just now; we'll check yours when you order."
        : null;

  return (
    <fieldset className="mt-5" disabled={disabled} data-testid="pickup">
      <legend className="text-sm font-medium">Pickup</legend>
      <div className="mt-2 grid grid-cols-2 gap-2">
        <ChoiceCard
          name={`${base}-mode`}
          value="asap"
          testId="pickup-asap"
          title="As soon as possible"
          detail={panel.asapAvailable ? "We start on it right away" : "Not available right now"}
          checked={!scheduled}
          disabled={!panel.asapAvailable}
          onChange={() => panel.setMode("asap")}
        />
        <ChoiceCard
          name={`${base}-mode`}
          value="scheduled"
          testId="pickup-later"
          title="Schedule for later"
          detail="Choose a pickup time"
          checked={scheduled}
          onChange={() => panel.setMode("scheduled")}
        />
      </div>
      {scheduled && (
        <div className="mt-3">
          <label htmlFor={selectId} className="text-sm font-medium">
            Pickup time
          </label>
          <select
            id={selectId}
            data-testid="pickup-slot"
            value={panel.selected}
            onChange={(e) => panel.select(e.target.value)}
            aria-invalid={panel.selected === "" ? true : undefined}
            aria-describedby={note ? noteId : undefined}
            className="mt-1 block min-h-12 w-full rounded-xl border border-line bg-bg px-3 text-base focus:border-accent aria-[invalid=true]:border-danger"
          >
            <option value="" disabled>
              Choose a time
            </option>
            {panel.groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((o) => (
                  <option key={o.value} value={o.value} disabled={o.disabled}>
                    {o.text}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {note && (
            <p id={noteId} data-testid="pickup-note" className="mt-1 text-sm text-muted">
              {note}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
