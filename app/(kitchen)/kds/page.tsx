import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { KdsBoard } from "../../../components/kds/kds-board.tsx";
import { getConfig } from "../../../lib/config.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { isAppError } from "../../../lib/errors.ts";
import { getKdsBoard } from "../../../lib/kitchen/get-kds-board.ts";
import { storeDisplayName } from "../../../lib/store/store-display-name.ts";
import { listPinStaff } from "../../../lib/auth/staff-accounts.ts";
import { requireStaffPage } from "../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Kitchen" };

/** `/kds` is the expediter's board (everything); `/kds?station=NAME` one station's, so each screen can be bookmarked. */
export default async function KitchenPage({ searchParams }: { searchParams: Promise<{ station?: string | string[] }> }) {
  const given = (await searchParams).station;
  const station = (Array.isArray(given) ? given[0] : given)?.trim() || null;
  const staff = await requireStaffPage("barista", station ? `/kds?station=${encodeURIComponent(station)}` : "/kds");
  let board;
  try {
    board = await getKdsBoard({ prisma: getPrisma(), station, timeZone: getConfig().STORE_TIMEZONE });
  } catch (error) {
    // A bookmarked station that was renamed or removed: show everything rather than an error.
    if (station !== null && isAppError(error) && error.code === "NOT_FOUND") redirect("/kds");
    throw error;
  }
  // Keyed by station: switching screens starts a fresh board (its own stream, selection and sounds).
  const pinStaff = await listPinStaff({ prisma: getPrisma() });
  return (
    <KdsBoard
      key={station ?? ""}
      initial={board}
      renderedAt={new Date().toISOString()}
      storeName={storeDisplayName()}
      staff={{ name: staff.name }}
      pinStaff={pinStaff}
    />
  );
}
