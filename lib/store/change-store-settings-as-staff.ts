import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { readStoreSettings } from "./read-store-settings.ts";
import type { StoreSettingsSnapshot } from "./store-state.ts";
import { writeStoreSettings, type StoreSettingsPatch } from "./write-store-settings.ts";

const percent = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)} %`;
const limit = (n: number | null) => (n === null ? "no limit" : String(n));

/** One line per change for the audit log ("Tax rate 0.00 % → 8.25 %"). Pure. */
function describeStoreChanges(before: StoreSettingsSnapshot, after: StoreSettingsSnapshot): string[] {
  const lines: string[] = [];
  if (before.acceptingOrders !== after.acceptingOrders) lines.push(after.acceptingOrders ? "Opened online ordering" : "Closed online ordering");
  if (JSON.stringify(before.openingHours) !== JSON.stringify(after.openingHours)) lines.push(after.openingHours ? "Changed the opening hours" : "Removed the opening hours (open whenever ordering is on)");
  if (before.maxOpenOrders !== after.maxOpenOrders) lines.push(`Capacity ${limit(before.maxOpenOrders)} → ${limit(after.maxOpenOrders)}`);
  if (before.taxRateBasisPoints !== after.taxRateBasisPoints) lines.push(`Tax rate ${percent(before.taxRateBasisPoints)} → ${percent(after.taxRateBasisPoints)}`);
  if (before.pricesIncludeTax !== after.pricesIncludeTax) lines.push(after.pricesIncludeTax ? "Prices now include the tax (VAT)" : "Tax is now added to the prices at checkout");
  if (before.pausedUntil?.getTime() !== after.pausedUntil?.getTime()) lines.push(after.pausedUntil ? `Paused orders until ${after.pausedUntil.toISOString()}` : "Resumed orders");
  return lines;
}

/**
 * A manager's change to the store's settings: reads the row before, writes the patch
 * (writeStoreSettings) and records one audit-log line per actual change, as the actor,
 * all in one transaction.
 */
export async function changeStoreSettingsAsStaff(options: {
  prisma: PrismaClient;
  actor: Pick<StaffUser, "id" | "name">;
  patch: StoreSettingsPatch;
  /** The audit line for a pause says how long, not just until when. */
  summary?: string;
}): Promise<StoreSettingsSnapshot> {
  const { actor, patch } = options;
  return options.prisma.$transaction(async (tx) => {
    const { settings: before } = await readStoreSettings({ prisma: tx, countOpenOrders: false });
    const after = await writeStoreSettings({ prisma: tx, patch });
    const lines = describeStoreChanges(before, after);
    if (lines.length > 0) {
      await recordStaffAction({ tx, actor, action: "store.update", summary: options.summary ?? lines.join("; "), details: { ...patch } });
    }
    return after;
  });
}
