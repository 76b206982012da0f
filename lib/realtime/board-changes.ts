import { getMenuListener, type MenuChanged } from "./menu-listener.ts";
import { getOrderListener, type OrderChanged } from "./order-listener.ts";
import type { ListenerEvent, ListenerSubscriber } from "./pg-listener.ts";

// Kitchen screens and the order board show orders, but also the store's settings
// (thresholds, how long ready orders stay up) and the menu's stations: they listen on
// both channels.

export type BoardChange = OrderChanged | MenuChanged;

export const boardChanges = {
  subscribe(fn: ListenerSubscriber<BoardChange>): () => void {
    const orders = getOrderListener().subscribe(fn);
    const menu = getMenuListener().subscribe(fn);
    return () => {
      orders();
      menu();
    };
  },
};

/** Any order change; of the menu's, only settings and categories (stations), not sold-out toggles. */
export const affectsBoards = (change: ListenerEvent<BoardChange>): boolean =>
  change.kind === "resync" || "orderId" in change || change.table === "StoreSettings" || change.table === "MenuCategory";
