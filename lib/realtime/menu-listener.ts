// Customers' menu pages and the boards listen here: triggers on "MenuItem", "Modifier",
// "MenuCategory" and "StoreSettings" do pg_notify('menu_changed', <table name>)
// (prisma/migrations), read through the web process's shop listener (shop-listener.ts).

export type MenuChanged = { kind: "changed"; table: string };

export function parseMenuChange(payload: string | undefined): MenuChanged | null {
  return payload && /^[A-Za-z_]{1,63}$/.test(payload) ? { kind: "changed", table: payload } : null;
}
