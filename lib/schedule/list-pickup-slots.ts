import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { describeSlot } from "./describe-slot.ts";
import { pickupSlots, slotDayLabel, slotLabel, type PickupSlot } from "./pickup-slots.ts";
import { storePrepSeconds } from "./prep-time.ts";
import { readSchedule, type ScheduleSnapshot } from "./read-schedule.ts";
import { slotCapacity } from "../store/slot-settings.ts";

/** A pickup slot as the customer's page offers it. */
export type SlotOffer = {
  /** ISO instant the slot starts: the pickup time, and what an order sends as pickupAt. */
  startsAt: string;
  /** "8:15" in the store's time zone. */
  label: string;
  day: PickupSlot["day"];
  /** "Today", "Tomorrow" or the weekday's name. */
  dayLabel: string;
  /** Drinks the slot takes in all (its weekday's capacity). */
  capacity: number;
  /** Drinks the slot still takes: 0 when full or paused. */
  remaining: number;
  paused: boolean;
};

export type PickupSlotsView = {
  /** The café takes orders for later (and is not switched off). */
  enabled: boolean;
  slotMinutes: number;
  /** How far ahead the first slot must be: what an order placed now would wait. */
  leadMinutes: number;
  slots: SlotOffer[];
};

/** Far enough to reach the next open day whatever the hours. */
const RANGE_MS = 9 * 86_400_000;

/** The slots a customer may book now, with what each still takes. Pure: the schedule is read by the caller. */
function offerSlots(options: { schedule: ScheduleSnapshot; now: Date; timeZone: string }): PickupSlotsView {
  const { schedule, now, timeZone } = options;
  const { slotMinutes } = schedule.slots;
  // Like the ETA: the store's typical prep time once per order ahead, and this one.
  const leadMinutes = Math.ceil((storePrepSeconds(schedule.recentPrepSeconds) * (schedule.openOrders + 1)) / 60);
  if (!schedule.acceptingOrders || !schedule.slots.scheduledOrders) return { enabled: false, slotMinutes, leadMinutes, slots: [] };
  const earliest = new Date(now.getTime() + leadMinutes * 60_000);
  const slots = pickupSlots({ hours: schedule.hours, timeZone, now, slotMinutes, earliest }).map((slot): SlotOffer => {
    const at = slot.startsAt.getTime();
    const paused = schedule.paused.has(at);
    const capacity = slotCapacity(schedule.slots, slot.weekday);
    return {
      startsAt: slot.startsAt.toISOString(),
      label: slotLabel(slot.startsAt, timeZone),
      day: slot.day,
      dayLabel: slotDayLabel(slot, now, timeZone),
      capacity,
      remaining: paused ? 0 : Math.max(0, capacity - (schedule.booked.get(at)?.drinks ?? 0)),
      paused,
    };
  });
  return { enabled: true, slotMinutes, leadMinutes, slots };
}

type ReadOptions = { prisma: Pick<PrismaClient, "$queryRaw">; timeZone: string; now: Date };

/** The slots on offer now, and the store's recent prep time an order's fire time may need. */
export async function readPickupOffer(options: ReadOptions): Promise<{ view: PickupSlotsView; recentPrepSeconds: number | null }> {
  const { now } = options;
  const schedule = await readSchedule({ prisma: options.prisma, from: now, to: new Date(now.getTime() + RANGE_MS) });
  return { view: offerSlots({ schedule, now, timeZone: options.timeZone }), recentPrepSeconds: schedule.recentPrepSeconds };
}

/** The pickup slots on offer now (GET /api/store/slots). */
export const listPickupSlots = async (options: ReadOptions): Promise<PickupSlotsView> => (await readPickupOffer(options)).view;

const MAX_NEXT_SLOTS = 3;

type SlotRequest = {
  view: PickupSlotsView;
  pickupAt: Date;
  drinks: number;
  /** The slot was found full when booking: say so even if a cancellation freed it since. */
  taken?: boolean;
};

/** The offered slot starting at pickupAt if it takes `drinks` more; otherwise throws slotUnavailable. */
export function requireSlot(options: SlotRequest): SlotOffer {
  const slot = options.view.slots.find((s) => Date.parse(s.startsAt) === options.pickupAt.getTime());
  if (options.view.enabled && slot && slot.remaining >= options.drinks && !options.taken) return slot;
  throw slotUnavailable(options);
}

/**
 * SLOT_UNAVAILABLE saying why the slot cannot take the order, with the next slots that can
 * (details.nextSlots), so the customer picks again without losing the cart.
 */
export function slotUnavailable(options: SlotRequest): AppError {
  const { view, pickupAt, drinks } = options;
  if (!view.enabled) return new AppError("SLOT_UNAVAILABLE", "Sorry, we're not taking orders for later right now.", { nextSlots: [] });
  const at = pickupAt.getTime();
  const slot = view.slots.find((s) => Date.parse(s.startsAt) === at);
  const next = view.slots.filter((s) => Date.parse(s.startsAt) > at && s.remaining >= drinks).slice(0, MAX_NEXT_SLOTS);
  const nextText = next.length > 0 ? ` Next free: ${next.map(describeSlot).join(", ")}.` : " No later pickup time has room, sorry.";
  let reason: string;
  if (!slot) {
    const first = view.slots[0];
    reason =
      first && at < Date.parse(first.startsAt)
        ? `That pickup time is too soon now: we need about ${view.leadMinutes} minutes.`
        : "That isn't one of our pickup times.";
  } else if (slot.paused) {
    reason = `The ${describeSlot(slot)} pickup time isn't taking more orders.`;
  } else if (slot.remaining > 0 && !options.taken) {
    reason = `The ${describeSlot(slot)} pickup time only has room for ${slot.remaining} more ${slot.remaining === 1 ? "drink" : "drinks"}.`;
  } else {
    reason = `The ${describeSlot(slot)} pickup time just filled up.`;
  }
  return new AppError("SLOT_UNAVAILABLE", `${reason}${nextText}`, { nextSlots: next });
}
