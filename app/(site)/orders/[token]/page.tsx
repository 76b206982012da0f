import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderStatusLive } from "../../../../components/order-status/order-status-live.tsx";
import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getOrderStatus, isPlausibleToken } from "../../../../lib/orders/get-order-status.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Your order",
  // The URL is the customer's secret: do not leak it to other sites.
  referrer: "no-referrer",
};

export default async function OrderStatusPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!isPlausibleToken(token)) notFound();
  const found = await getOrderStatus({ prisma: getPrisma(), where: { publicToken: token } });
  if (!found) notFound();
  return (
    <main>
      <OrderStatusLive token={token} initial={found.view} timeZone={getConfig().STORE_TIMEZONE} />
    </main>
  );
}
