import { getConfig } from "../config.ts";
import { parseMenuChange, type MenuChanged } from "./menu-listener.ts";
import { parseOrderChange, type OrderChanged } from "./order-listener.ts";
import { PgListener, type ChannelChange, type ListenerEvent, type ListenerSubscriber } from "./pg-listener.ts";

// The web process's one LISTEN connection, on both channels (pg-listener.ts says why one).

export type ShopChange = OrderChanged | MenuChanged;

export const SHOP_LISTENER_APPLICATION_NAME = "brewline-listener";

const globalForListener = globalThis as unknown as { brewlineShopListener?: PgListener<ShopChange> };

/** The process's listener on order_changed and menu_changed, created on first use from DATABASE_URL. */
export function getShopListener(): PgListener<ShopChange> {
  globalForListener.brewlineShopListener ??= new PgListener<ShopChange>({
    connectionString: getConfig().DATABASE_URL,
    channels: { order_changed: parseOrderChange, menu_changed: parseMenuChange },
    applicationName: SHOP_LISTENER_APPLICATION_NAME,
  });
  return globalForListener.brewlineShopListener;
}

/** One channel of the shop listener: its changes and every resync. */
export type ChannelListener<C extends ChannelChange> = {
  subscribe(fn: ListenerSubscriber<C>): () => void;
  readonly connected: boolean;
  stop(): Promise<void>;
};

function channelOf<C extends ShopChange>(accepts: (change: ShopChange) => change is C): ChannelListener<C> {
  return {
    subscribe: (fn) =>
      getShopListener().subscribe((event) => {
        if (event.kind === "resync" || accepts(event)) fn(event as ListenerEvent<C>);
      }),
    get connected() {
      return getShopListener().connected;
    },
    stop: () => getShopListener().stop(),
  };
}

export const getOrderListener = (): ChannelListener<OrderChanged> => channelOf((c): c is OrderChanged => "orderId" in c);
export const getMenuListener = (): ChannelListener<MenuChanged> => channelOf((c): c is MenuChanged => "table" in c);
