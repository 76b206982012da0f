import { PgListener, type ListenerEvent, type PgListenerOptions } from "./pg-listener.ts";

// Live views of orders listen here: a trigger on "Order" does
// pg_notify('order_changed', {id,status}). A web process reads this channel through its
// one shop listener (shop-listener.ts); OrderListener is the channel on its own connection.

export type OrderChanged = { kind: "changed"; orderId: string; status: string };
export type OrderChange = ListenerEvent<OrderChanged>;
export type OrderChangeSubscriber = (change: OrderChange) => void;

export const LISTENER_APPLICATION_NAME = "brewline-order-listener";

export function parseOrderChange(payload: string | undefined): OrderChanged | null {
  const parsed = JSON.parse(payload ?? "") as { id?: unknown; status?: unknown };
  if (typeof parsed.id === "string" && typeof parsed.status === "string") return { kind: "changed", orderId: parsed.id, status: parsed.status };
  return null;
}

export type OrderListenerOptions = Omit<PgListenerOptions<OrderChanged>, "channels" | "applicationName">;

export class OrderListener extends PgListener<OrderChanged> {
  constructor(options: OrderListenerOptions) {
    super({ ...options, channels: { order_changed: parseOrderChange }, applicationName: LISTENER_APPLICATION_NAME });
  }
}
