import type { ListenerEvent } from "./pg-listener.ts";
import { getShopListener, type ShopChange } from "./shop-listener.ts";

// Kitchen screens and the order board show orders, but also the store's settings
// (thresholds, how long ready orders stay up) and the menu's stations: they listen on
// both channels.

export type BoardChange = ShopChange;

export const boardChanges = {
  subscribe: (fn: (change: ListenerEvent<BoardChange>) => void): (() => void) => getShopListener().subscribe(fn),
};

/** Any order change; of the menu's, only settings and categories (stations), not sold-out toggles. */
export const affectsBoards = (change: ListenerEvent<BoardChange>): boolean =>
  change.kind === "resync" || "orderId" in change || change.table === "StoreSettings" || change.table === "MenuCategory";
