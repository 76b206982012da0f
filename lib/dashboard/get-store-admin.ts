import type { PrismaClient } from "../generated/prisma/client.ts";
import { KDS_SETTINGS_DEFAULTS } from "../kitchen/update-kds-settings.ts";
import type { KdsSettings } from "../kitchen/kitchen-types.ts";
import { SLOT_SETTINGS_SELECT, slotSettingsOf } from "../store/read-slot-settings.ts";
import { readStoreSettings } from "../store/read-store-settings.ts";
import { computeStoreState, type StoreState } from "../store/store-state.ts";
import type { StoreAdminSettings } from "../store/write-store-settings.ts";

export type StoreAdminView = { settings: StoreAdminSettings; kitchen: KdsSettings; state: StoreState; openOrders: number };

/** What the store page shows: the settings (pickup slots included), the kitchen's timings and the state customers see now. */
export async function getStoreAdmin(options: { prisma: PrismaClient; timeZone: string; now?: Date }): Promise<StoreAdminView> {
  const { prisma } = options;
  const [{ settings }, row, openOrders] = await Promise.all([
    readStoreSettings({ prisma, countOpenOrders: false }),
    prisma.storeSettings.findUnique({ where: { id: 1 }, select: { kdsWarnAfterSeconds: true, kdsLateAfterSeconds: true, boardReadySeconds: true, ...SLOT_SETTINGS_SELECT } }),
    prisma.order.count({ where: { status: { in: ["PLACED", "QUEUED", "IN_PROGRESS"] } } }),
  ]);
  const kitchen = row ? { warnAfterSeconds: row.kdsWarnAfterSeconds, lateAfterSeconds: row.kdsLateAfterSeconds, boardReadySeconds: row.boardReadySeconds } : KDS_SETTINGS_DEFAULTS;
  const state = computeStoreState({ settings, openOrders, now: options.now ?? new Date(), timeZone: options.timeZone });
  return { settings: { ...settings, ...slotSettingsOf(row) }, kitchen, state, openOrders };
}
