import type { PrismaClient } from "../generated/prisma/client.ts";
import { KDS_SETTINGS_DEFAULTS } from "../kitchen/update-kds-settings.ts";
import type { KdsSettings } from "../kitchen/kitchen-types.ts";
import { readStoreSettings } from "./read-store-settings.ts";
import { computeStoreState, type StoreSettingsSnapshot, type StoreState } from "./store-state.ts";

export type StoreAdminView = { settings: StoreSettingsSnapshot; kitchen: KdsSettings; state: StoreState; openOrders: number };

/** What the store page shows: the settings, the kitchen's timings and the state customers see now. */
export async function getStoreAdmin(options: { prisma: PrismaClient; timeZone: string; now?: Date }): Promise<StoreAdminView> {
  const { prisma } = options;
  const [{ settings }, row, openOrders] = await Promise.all([
    readStoreSettings({ prisma, countOpenOrders: false }),
    prisma.storeSettings.findUnique({ where: { id: 1 }, select: { kdsWarnAfterSeconds: true, kdsLateAfterSeconds: true, boardReadySeconds: true } }),
    prisma.order.count({ where: { status: { in: ["PLACED", "QUEUED", "IN_PROGRESS"] } } }),
  ]);
  const kitchen = row ? { warnAfterSeconds: row.kdsWarnAfterSeconds, lateAfterSeconds: row.kdsLateAfterSeconds, boardReadySeconds: row.boardReadySeconds } : KDS_SETTINGS_DEFAULTS;
  const state = computeStoreState({ settings, openOrders, now: options.now ?? new Date(), timeZone: options.timeZone });
  return { settings, kitchen, state, openOrders };
}
