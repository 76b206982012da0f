import { getConfig } from "../config.ts";
import { PgListener } from "./pg-listener.ts";

// Customers' menu pages listen here: triggers on "MenuItem", "Modifier" and
// "StoreSettings" do pg_notify('menu_changed', <table name>) (prisma/migrations).

export type MenuChanged = { kind: "changed"; table: string };

export const MENU_LISTENER_APPLICATION_NAME = "brewline-menu-listener";

function parseMenuChange(payload: string | undefined): MenuChanged | null {
  return payload && /^[A-Za-z_]{1,63}$/.test(payload) ? { kind: "changed", table: payload } : null;
}

const globalForListener = globalThis as unknown as { brewlineMenuListener?: PgListener<MenuChanged> };

/** The process's menu listener, created on first use from DATABASE_URL. */
export function getMenuListener(): PgListener<MenuChanged> {
  globalForListener.brewlineMenuListener ??= new PgListener({
    connectionString: getConfig().DATABASE_URL,
    channel: "menu_changed",
    parse: parseMenuChange,
    applicationName: MENU_LISTENER_APPLICATION_NAME,
  });
  return globalForListener.brewlineMenuListener;
}
