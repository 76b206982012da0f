import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatClock } from "../../../../components/format.ts";
import { OrderStatusLive } from "../../../../components/order-status/order-status-live.tsx";
import { clockNow } from "../../../../lib/clock.ts";
import { getConfig } from "../../../../lib/config.ts";
import { orderHasPush } from "../../../../lib/consent/order-has-push.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getOrderStatus, isPlausibleToken } from "../../../../lib/orders/get-order-status.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Your order",
  // The URL is the customer's secret: do not leak it to other sites.
  referrer: "no-referrer",
};

export default async function OrderStatusPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ token }, query] = await Promise.all([params, searchParams]);
  if (!isPlausibleToken(token)) notFound();
  const now = clockNow();
  const found = await getOrderStatus({ prisma: getPrisma(), where: { publicToken: token }, timeZone: getConfig().STORE_TIMEZONE, now });
  if (!found) notFound();
  const timeZone = getConfig().STORE_TIMEZONE;
  // Push off (no VAPID keys): no push UI at all.
  const pushKey = getConfig().VAPID_PUBLIC_KEY ?? null;
  const pushSubscribed = pushKey ? await orderHasPush({ prisma: getPrisma(), orderId: found.orderId }) : false;
  const { placedAt, readyAt, checkout } = found.view;
  // Written out here so the phone formats no time while the page hydrates.
  const clocks = Object.fromEntries([placedAt, readyAt, checkout?.expiresAt].flatMap((iso) => (iso ? [[iso, formatClock(iso, timeZone)]] : [])));
  return (
    <main>
      {/* The payment page's return address carries ?paid=1 (lib/payments/start-checkout.ts); the checkout's, ?push=blocked|failed when push could not be turned on. */}
      <OrderStatusLive
        token={token}
        initial={found.view}
        timeZone={timeZone}
        clocks={clocks}
        renderedAt={now.toISOString()}
        returnedFromCheckout={query.paid === "1"}
        push={{ key: pushKey, subscribed: pushSubscribed, problem: query.push === "blocked" || query.push === "failed" ? query.push : null }}
      />
    </main>
  );
}
