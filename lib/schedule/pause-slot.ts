import { recordStaffAction, type AuditActor } from "../audit/record-staff-action.ts";
import { clockNow } from "../clock.ts";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { describeWhen } from "../store/opening-hours.ts";
import { readDaySlots } from "./get-booked-slots.ts";

export type PauseSlotResult = { startsAt: string; paused: boolean; changed: boolean };

/**
 * Closes one pickup slot to new bookings (a barista called in sick), or opens it again.
 * Orders already booked for it stay booked and are fired as usual. Only a slot start of
 * today or the next open day counts, and only one not started yet may be paused (resuming
 * a past one is allowed: it tidies up). Asking for the state a slot is already in changes
 * nothing and writes no audit line.
 */
export async function pauseSlot(options: {
  prisma: PrismaClient;
  startsAt: Date;
  paused: boolean;
  actor: AuditActor;
  timeZone: string;
  now?: Date;
}): Promise<PauseSlotResult> {
  const { prisma, startsAt, paused, actor, timeZone } = options;
  const now = options.now ?? clockNow();
  return prisma.$transaction(async (tx) => {
    const { slots } = await readDaySlots({ prisma: tx, timeZone, now });
    const when = describeWhen(startsAt, now, timeZone);
    if (!slots.some((s) => s.startsAt.getTime() === startsAt.getTime())) {
      throw new AppError("VALIDATION", `${when} is not the start of a pickup slot today or on the next open day`);
    }
    if (paused && startsAt.getTime() <= now.getTime()) throw new AppError("VALIDATION", `The ${when} slot has already started`);

    const rows = paused
      ? await tx.pausedSlot.createMany({ data: [{ startsAt, pausedBy: actor.name }], skipDuplicates: true })
      : await tx.pausedSlot.deleteMany({ where: { startsAt } });
    const changed = rows.count > 0;
    if (changed) {
      await recordStaffAction({
        tx,
        actor,
        action: paused ? "slot.pause" : "slot.resume",
        summary: paused ? `Paused the pickup slot at ${when}` : `Resumed the pickup slot at ${when}`,
        details: { startsAt: startsAt.toISOString() },
      });
    }
    return { startsAt: startsAt.toISOString(), paused, changed };
  });
}
