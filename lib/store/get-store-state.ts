import type { PrismaClient } from "../generated/prisma/client.ts";
import { readStoreSettings } from "./read-store-settings.ts";
import { computeStoreState, type StoreState } from "./store-state.ts";

/** Whether the store takes orders now (hours, pause, capacity), for the customer's page. */
export async function getStoreState(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  timeZone: string;
  now?: Date;
}): Promise<StoreState> {
  const { settings, openOrders } = await readStoreSettings({ prisma: options.prisma, countOpenOrders: true });
  return computeStoreState({ settings, openOrders, now: options.now ?? new Date(), timeZone: options.timeZone });
}
