import { recordStaffAction } from "../audit/record-staff-action.ts";
import type { StaffUser } from "../auth/require-staff.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SlotSettings } from "./slot-settings.ts";
import { DAY_LABELS, WEEK_ORDER } from "./hours-form.ts";
import { readSlotSettings } from "./read-slot-settings.ts";
import { readStoreSettings } from "./read-store-settings.ts";
import { writeStoreSettings, type StoreAdminSettings, type StoreSettingsPatch } from "./write-store-settings.ts";

const percent = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)} %`;
const limit = (n: number | null) => (n === null ? "no limit" : String(n));
/** "Saturday 20, Sunday 0" in the week's order; "none". */
const overrides = (byWeekday: SlotSettings["slotDrinksByWeekday"]) =>
  WEEK_ORDER.filter((day) => byWeekday[day] !== undefined).map((day) => `${DAY_LABELS[day]} ${byWeekday[day]}`).join(", ") || "none";

function describeSlotChanges(before: SlotSettings, after: SlotSettings): string[] {
  const lines: string[] = [];
  if (before.scheduledOrders !== after.scheduledOrders) lines.push(after.scheduledOrders ? "Customers can order ahead for a pickup time" : "Stopped orders ahead for a pickup time");
  if (before.slotMinutes !== after.slotMinutes) lines.push(`Pickup slots ${before.slotMinutes} → ${after.slotMinutes} min`);
  if (before.slotDrinks !== after.slotDrinks) lines.push(`Drinks per slot ${before.slotDrinks} → ${after.slotDrinks}`);
  const [was, now] = [overrides(before.slotDrinksByWeekday), overrides(after.slotDrinksByWeekday)];
  if (was !== now) lines.push(`Drinks per slot by day ${was} → ${now}`);
  return lines;
}

/** One line per change for the audit log ("Tax rate 0.00 % → 8.25 %"). Pure. */
function describeStoreChanges(before: StoreAdminSettings, after: StoreAdminSettings): string[] {
  const lines: string[] = [];
  if (before.acceptingOrders !== after.acceptingOrders) lines.push(after.acceptingOrders ? "Opened online ordering" : "Closed online ordering");
  if (JSON.stringify(before.openingHours) !== JSON.stringify(after.openingHours)) lines.push(after.openingHours ? "Changed the opening hours" : "Removed the opening hours (open whenever ordering is on)");
  if (before.maxOpenOrders !== after.maxOpenOrders) lines.push(`Capacity ${limit(before.maxOpenOrders)} → ${limit(after.maxOpenOrders)}`);
  if (before.taxRateBasisPoints !== after.taxRateBasisPoints) lines.push(`Tax rate ${percent(before.taxRateBasisPoints)} → ${percent(after.taxRateBasisPoints)}`);
  if (before.pricesIncludeTax !== after.pricesIncludeTax) lines.push(after.pricesIncludeTax ? "Prices now include the tax (VAT)" : "Tax is now added to the prices at checkout");
  if (before.pausedUntil?.getTime() !== after.pausedUntil?.getTime()) lines.push(after.pausedUntil ? `Paused orders until ${after.pausedUntil.toISOString()}` : "Resumed orders");
  return [...lines, ...describeSlotChanges(before, after)];
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
}): Promise<StoreAdminSettings> {
  const { actor, patch } = options;
  return options.prisma.$transaction(async (tx) => {
    const before: StoreAdminSettings = { ...(await readStoreSettings({ prisma: tx, countOpenOrders: false })).settings, ...(await readSlotSettings({ prisma: tx })) };
    const after = await writeStoreSettings({ prisma: tx, patch });
    const lines = describeStoreChanges(before, after);
    if (lines.length > 0) {
      await recordStaffAction({ tx, actor, action: "store.update", summary: options.summary ?? lines.join("; "), details: { ...patch } });
    }
    return after;
  });
}
