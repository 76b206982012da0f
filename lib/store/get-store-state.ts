import type { Config } from "../config.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { readStoreSettings } from "./read-store-settings.ts";
import { computeStoreState, type CustomerStoreState } from "./store-state.ts";

/** Whether the store takes orders now (hours, pause, capacity) and how it takes money, for the customer's page. */
export async function getStoreState(options: {
  prisma: Pick<PrismaClient, "$queryRaw">;
  config: Pick<Config, "STORE_TIMEZONE" | "PAYMENTS" | "STORE_CURRENCY">;
  now?: Date;
}): Promise<CustomerStoreState> {
  const { config } = options;
  const { settings, openOrders } = await readStoreSettings({ prisma: options.prisma, countOpenOrders: true });
  const state = computeStoreState({ settings, openOrders, now: options.now ?? new Date(), timeZone: config.STORE_TIMEZONE });
  return { ...state, onlinePayments: config.PAYMENTS === "stripe", currency: config.STORE_CURRENCY };
}
