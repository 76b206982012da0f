// The pickup slots GET /api/store/slots offers (lib/schedule/list-pickup-slots.ts), read
// by hand like store-status.ts (no zod in the browser bundle): a garbled or missing
// answer only hides "Schedule for later", it never stops an order as soon as possible.

import type { PickupSlotsView, SlotOffer } from "../../lib/schedule/list-pickup-slots.ts";

type SlotOption = { value: string; text: string; disabled: boolean };
export type SlotGroup = { label: string; options: SlotOption[] };

const isSlotOffer = (v: unknown): v is SlotOffer => {
  if (!v || typeof v !== "object") return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.startsAt === "string" &&
    !Number.isNaN(Date.parse(s.startsAt)) &&
    typeof s.label === "string" &&
    (s.day === "today" || s.day === "next") &&
    typeof s.dayLabel === "string" &&
    typeof s.remaining === "number" &&
    typeof s.capacity === "number" &&
    typeof s.paused === "boolean"
  );
};

/** The slots in a list from the server (the view, or a 409's `nextSlots`); malformed entries are dropped. */
export function parseSlotOffers(list: unknown): SlotOffer[] {
  return Array.isArray(list) ? list.filter(isSlotOffer) : [];
}

export function parsePickupSlots(json: unknown): PickupSlotsView | null {
  if (!json || typeof json !== "object") return null;
  const v = json as Record<string, unknown>;
  if (typeof v.enabled !== "boolean" || !Array.isArray(v.slots)) return null;
  return {
    enabled: v.enabled,
    slotMinutes: typeof v.slotMinutes === "number" ? v.slotMinutes : 15,
    leadMinutes: typeof v.leadMinutes === "number" ? v.leadMinutes : 0,
    slots: parseSlotOffers(v.slots),
  };
}

/** Scheduling is offered only when the store has it on and there is a slot to show. */
export const schedulingOffered = (view: PickupSlotsView | null): boolean => view !== null && view.enabled && view.slots.length > 0;

/** Whether the whole order (`drinks` = the cart's quantities) fits in the slot. */
export const slotFits = (slot: SlotOffer, drinks: number): boolean => !slot.paused && slot.remaining >= Math.max(1, drinks);

/** The slots by day ("Today", "Tomorrow"), in the server's order, full ones disabled. */
export function groupSlots(slots: SlotOffer[], drinks: number): SlotGroup[] {
  const groups: SlotGroup[] = [];
  for (const slot of slots) {
    const fits = slotFits(slot, drinks);
    const option = { value: slot.startsAt, text: fits ? slot.label : `${slot.label} (full)`, disabled: !fits };
    const last = groups.at(-1);
    if (last?.label === slot.dayLabel) last.options.push(option);
    else groups.push({ label: slot.dayLabel, options: [option] });
  }
  return groups;
}

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/** The offered slot starting at `startsAt`, if the order fits in it. */
export function fittingSlot(slots: SlotOffer[], startsAt: string | null, drinks: number): SlotOffer | null {
  if (!startsAt) return null;
  const slot = slots.find((s) => sameInstant(s.startsAt, startsAt));
  return slot && slotFits(slot, drinks) ? slot : null;
}

/** The first slot the order fits in, or null. */
export const firstFitting = (slots: SlotOffer[], drinks: number): SlotOffer | null => slots.find((s) => slotFits(s, drinks)) ?? null;


export type PickupMode = "asap" | "scheduled";

/**
 * What the customer's pickup choice comes to. Scheduling is the only way while the store
 * takes no orders for now, but a customer who did not ask for later must pick the time
 * themselves (one who missed the banner must not order for a time they never saw). Once they
 * chose "Schedule for later" the first slot that fits is proposed; a picked slot that no
 * longer fits (filled, paused, the cart grew) is not swapped for another behind their back:
 * there is then no slot until they choose again.
 */
export function resolvePickup(o: { view: PickupSlotsView | null; mode: PickupMode; chosen: string | null; drinks: number; acceptingOrders: boolean }) {
  const offered = schedulingOffered(o.view);
  const slots = o.view?.slots ?? [];
  const mode: PickupMode = offered && (o.mode === "scheduled" || !o.acceptingOrders) ? "scheduled" : "asap";
  const proposed = o.mode === "scheduled" ? firstFitting(slots, o.drinks) : null;
  const slot = mode !== "scheduled" ? null : o.chosen ? fittingSlot(slots, o.chosen, o.drinks) : proposed;
  return { offered, mode, slot, needsSlot: mode === "scheduled" && slot === null };
}
