import { OrderBuilder } from "../../components/order/order-builder.tsx";
import { getConfig } from "../../lib/config.ts";
import { getPrisma } from "../../lib/db/prisma.ts";
import { getMenu } from "../../lib/menu/get-menu.ts";

// The menu (and what is sold out) comes from Postgres on every request; the page then
// follows changes live (/api/menu/events).
export const dynamic = "force-dynamic";

export default async function OrderPage() {
  const menu = await getMenu({ prisma: getPrisma() });
  return (
    <main>
      <OrderBuilder menu={menu} timeZone={getConfig().STORE_TIMEZONE} />
    </main>
  );
}
