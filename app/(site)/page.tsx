import { OrderBuilder } from "../../components/order/order-builder.tsx";
import { parseStoreStatus } from "../../components/order/store-status.ts";
import { getConfig } from "../../lib/config.ts";
import { getPrisma } from "../../lib/db/prisma.ts";
import { getMenu } from "../../lib/menu/get-menu.ts";
import { getStoreState } from "../../lib/store/get-store-state.ts";

// The menu (and what is sold out) and the store's state come from Postgres on every
// request, so the page needs nothing more from the server while it loads; it then
// follows changes live (/api/menu/events).
export const dynamic = "force-dynamic";

export default async function OrderPage() {
  const prisma = getPrisma();
  const config = getConfig();
  const timeZone = config.STORE_TIMEZONE;
  const [menu, store] = await Promise.all([getMenu({ prisma }), getStoreState({ prisma, config })]);
  return (
    <main>
      {/* In the shape the page reads GET /api/store into, so a refetch that brings no change is seen as none. */}
      <OrderBuilder menu={menu} store={parseStoreStatus(store) ?? undefined} timeZone={timeZone} pushKey={config.VAPID_PUBLIC_KEY ?? null} />
    </main>
  );
}
