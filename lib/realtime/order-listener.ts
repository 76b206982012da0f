import { getConfig } from "../config.ts";
import { PgListener, type ListenerEvent, type PgListenerOptions } from "./pg-listener.ts";

// The kitchen board and the customers' status pages listen here: a trigger on "Order"
// does pg_notify('order_changed', {id,status}).

export type OrderChanged = { kind: "changed"; orderId: string; status: string };
export type OrderChange = ListenerEvent<OrderChanged>;
export type OrderChangeSubscriber = (change: OrderChange) => void;

export const LISTENER_APPLICATION_NAME = "brewline-order-listener";

function parseOrderChange(payload: string | undefined): OrderChanged | null {
  const parsed = JSON.parse(payload ?? "") as { id?: unknown; status?: unknown };
  if (typeof parsed.id === "string" && typeof parsed.status === "string") return { kind: "changed", orderId: parsed.id, status: parsed.status };
  return null;
}

export type OrderListenerOptions = Omit<PgListenerOptions<OrderChanged>, "channel" | "parse" | "applicationName">;

export class OrderListener extends PgListener<OrderChanged> {
  constructor(options: OrderListenerOptions) {
    super({ ...options, channel: "order_changed", parse: parseOrderChange, applicationName: LISTENER_APPLICATION_NAME });
  }
}

const globalForListener = globalThis as unknown as { brewlineOrderListener?: OrderListener };

/** The process's listener, created on first use from DATABASE_URL. */
export function getOrderListener(): OrderListener {
  globalForListener.brewlineOrderListener ??= new OrderListener({ connectionString: getConfig().DATABASE_URL });
  return globalForListener.brewlineOrderListener;
}
