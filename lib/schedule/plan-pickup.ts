import { requireSlot, type PickupSlotsView } from "./list-pickup-slots.ts";
import { orderPrepSeconds } from "./prep-time.ts";

/** An order's booking: its slot, when it goes to the kitchen, and what it takes of the slot. */
export type PickupPlan = { pickupAt: Date; fireAt: Date; capacity: number; drinks: number };

/**
 * Checks the chosen slot against what is on offer (SLOT_UNAVAILABLE with the next free ones
 * otherwise) and works out when the order must reach the kitchen: pickup minus its prep time.
 */
export function planPickup(options: {
  offer: { view: PickupSlotsView; recentPrepSeconds: number | null };
  pickupAt: string;
  lines: readonly { quantity: number; prepSeconds?: number | null | undefined }[];
}): PickupPlan {
  const { offer, lines } = options;
  const pickupAt = new Date(options.pickupAt);
  const drinks = lines.reduce((n, l) => n + l.quantity, 0);
  const slot = requireSlot({ view: offer.view, pickupAt, drinks });
  const prep = orderPrepSeconds({ itemPrepSeconds: lines.map((l) => l.prepSeconds), recentPrepSeconds: offer.recentPrepSeconds });
  return { pickupAt, fireAt: new Date(pickupAt.getTime() - prep * 1000), capacity: slot.capacity, drinks };
}
