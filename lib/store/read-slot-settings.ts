import type { Prisma } from "../generated/prisma/client.ts";
import { parseSlotDrinksByWeekday, type SlotSettings } from "./slot-settings.ts";

/** The settings row's pickup-slot columns, for a select of its own or added to another. */
export const SLOT_SETTINGS_SELECT = { scheduledOrders: true, slotMinutes: true, slotDrinks: true, slotDrinksByWeekday: true } as const;

type SlotColumns = Prisma.StoreSettingsGetPayload<{ select: typeof SLOT_SETTINGS_SELECT }>;

/** The migration inserts the row; these (the columns' defaults) apply only if someone deleted it. */
const SLOT_DEFAULTS: SlotSettings = { scheduledOrders: true, slotMinutes: 15, slotDrinks: 12, slotDrinksByWeekday: {} };

/** The columns as the app uses them: the per-weekday Json parsed, none = no overrides. */
export function slotSettingsOf(row: SlotColumns | null): SlotSettings {
  if (!row) return SLOT_DEFAULTS;
  return { scheduledOrders: row.scheduledOrders, slotMinutes: row.slotMinutes, slotDrinks: row.slotDrinks, slotDrinksByWeekday: parseSlotDrinksByWeekday(row.slotDrinksByWeekday) };
}

/** How pickup slots are cut and filled, as the manager last saved it. */
export async function readSlotSettings(options: { prisma: Pick<Prisma.TransactionClient, "storeSettings"> }): Promise<SlotSettings> {
  return slotSettingsOf(await options.prisma.storeSettings.findUnique({ where: { id: 1 }, select: SLOT_SETTINGS_SELECT }));
}
