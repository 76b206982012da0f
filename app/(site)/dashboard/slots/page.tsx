import type { Metadata } from "next";
import { LiveRefresh } from "../../../../components/dashboard/live-refresh.tsx";
import { SlotsOverview } from "../../../../components/dashboard/slots-sections.tsx";
import { clockNow } from "../../../../lib/clock.ts";
import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getBookedSlots } from "../../../../lib/schedule/get-booked-slots.ts";
import { requireStaffPage } from "../../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Pickup slots · Dashboard" };

export default async function SlotsPage() {
  await requireStaffPage("manager", "/dashboard/slots");
  const timeZone = getConfig().STORE_TIMEZONE;
  const view = await getBookedSlots({ prisma: getPrisma(), timeZone, now: clockNow() });
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 pb-16 pt-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Pickup slots</h1>
          <p className="mt-1 text-muted">
            Orders booked ahead, {view.slotMinutes}-minute slots in {timeZone}. Pausing a slot stops new bookings; booked orders stay.
          </p>
        </div>
        {/* Bookings, pauses and the store's slot settings all change this page. */}
        <LiveRefresh url="/api/dashboard/slots/events" />
      </div>
      <SlotsOverview view={view} />
    </main>
  );
}
