import type { PrismaClient } from "../generated/prisma/client.ts";
import { describeWhen, localTime, WEEKDAYS, zonedInstant } from "../store/opening-hours.ts";
import { pickupSlots, slotDayLabel, slotLabel, type PickupSlot } from "./pickup-slots.ts";
import { readSchedule, type ScheduleSnapshot } from "./read-schedule.ts";
import { slotCapacity } from "../store/slot-settings.ts";

// The café's view of its pickup slots: today's and the next open day's, each with what is
// booked, how much it takes and whether it is paused. Unlike the customers' list it starts
// at the beginning of today (past slots show what was booked) and it shows bookings whose
// instant is no slot any more (the slot length or the hours changed after they were made):
// those orders will still be fired, so the café must see them.

type SlotDay = PickupSlot["day"];

export type BookedSlot = {
  startsAt: string;
  /** "8:15"; for a booking off today's or the next day's slots, "8:20 tomorrow" and the like. */
  label: string;
  day: SlotDay;
  dayLabel: string;
  /** Drinks the slot takes (the store's setting for its weekday). */
  capacity: number;
  bookedOrders: number;
  bookedDrinks: number;
  paused: boolean;
  /** Already under way or over: nothing left to pause. */
  started: boolean;
  /** false: bookings at an instant that is no slot start under the current settings. */
  isSlot: boolean;
};

export type BookedSlotsDay = { day: SlotDay; dayLabel: string; slots: BookedSlot[]; bookedOrders: number; bookedDrinks: number };

export type BookedSlotsView = { scheduledOrders: boolean; slotMinutes: number; today: BookedSlotsDay; next: BookedSlotsDay | null };

/** The next open day lies within a week, and its last period may run past midnight. */
const RANGE_DAYS = 9;

/** From the start of today (store time) to past the next open day. */
function rangeOf(now: Date, timeZone: string): { from: Date; to: Date } {
  const today = localTime(now, timeZone).dayNumber;
  return { from: zonedInstant(today, 0, timeZone), to: zonedInstant(today + RANGE_DAYS, 0, timeZone) };
}

/** Today's and the next open day's slots from the start of today, with the settings and bookings of that range. */
export async function readDaySlots(options: { prisma: Pick<PrismaClient, "$queryRaw">; timeZone: string; now: Date }): Promise<{
  schedule: ScheduleSnapshot;
  slots: PickupSlot[];
  from: Date;
  to: Date;
}> {
  const { timeZone, now } = options;
  const { from, to } = rangeOf(now, timeZone);
  const schedule = await readSchedule({ prisma: options.prisma, from, to });
  const slots = pickupSlots({ hours: schedule.hours, timeZone, now, slotMinutes: schedule.slots.slotMinutes, earliest: from });
  return { schedule, slots, from, to };
}

/** Today's and the next open day's slots with their bookings ("next" is null when no day within a week opens). */
export async function getBookedSlots(options: { prisma: Pick<PrismaClient, "$queryRaw">; timeZone: string; now: Date }): Promise<BookedSlotsView> {
  const { timeZone, now } = options;
  const { schedule, slots, from, to } = await readDaySlots(options);
  const firstNextSlot = slots.find((s) => s.day === "next");
  const firstNext = firstNextSlot?.startsAt;
  // Bookings off the slot grid belong to today up to the next open day's midnight, then to that day.
  const nextDayStarts = firstNext ? zonedInstant(localTime(firstNext, timeZone).dayNumber, 0, timeZone).getTime() : to.getTime();
  const lastSlot = slots.at(-1)?.startsAt.getTime() ?? from.getTime();
  const rangeEnd = firstNext ? Math.max(lastSlot + 1, zonedInstant(localTime(firstNext, timeZone).dayNumber + 1, 0, timeZone).getTime()) : nextDayStarts;

  const onGrid = new Set(slots.map((s) => s.startsAt.getTime()));
  const offGrid: PickupSlot[] = [...schedule.booked.keys()]
    .filter((at) => !onGrid.has(at) && at < rangeEnd)
    .map((at) => ({ startsAt: new Date(at), day: at < nextDayStarts ? "today" : "next", weekday: WEEKDAYS[localTime(new Date(at), timeZone).weekday]! }));

  const toRow = (slot: PickupSlot, dayLabel: string): BookedSlot => {
    const at = slot.startsAt.getTime();
    const isSlot = onGrid.has(at);
    return {
      startsAt: slot.startsAt.toISOString(),
      label: isSlot ? slotLabel(slot.startsAt, timeZone) : describeWhen(slot.startsAt, now, timeZone),
      day: slot.day,
      dayLabel,
      capacity: slotCapacity(schedule.slots, slot.weekday),
      bookedOrders: schedule.booked.get(at)?.orders ?? 0,
      bookedDrinks: schedule.booked.get(at)?.drinks ?? 0,
      paused: schedule.paused.has(at),
      started: at <= now.getTime(),
      isSlot,
    };
  };
  const dayOf = (day: SlotDay): BookedSlotsDay => {
    const dayLabel = day === "next" && firstNextSlot ? slotDayLabel(firstNextSlot, now, timeZone) : "Today";
    const rows = [...slots, ...offGrid]
      .filter((s) => s.day === day)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((s) => toRow(s, dayLabel));
    return { day, dayLabel, slots: rows, bookedOrders: sum(rows, "bookedOrders"), bookedDrinks: sum(rows, "bookedDrinks") };
  };
  return { scheduledOrders: schedule.slots.scheduledOrders, slotMinutes: schedule.slots.slotMinutes, today: dayOf("today"), next: firstNext ? dayOf("next") : null };
}

const sum = (rows: BookedSlot[], key: "bookedOrders" | "bookedDrinks") => rows.reduce((total, r) => total + r[key], 0);
