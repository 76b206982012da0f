import type { Metadata } from "next";
import { MyOrdersList } from "../../../components/my-orders/my-orders-list.tsx";

export const metadata: Metadata = {
  title: "My orders",
  // The list links to status pages, whose URLs are the customer's secret.
  referrer: "no-referrer",
};

// Nonce-based CSP needs every page rendered per request.
export const dynamic = "force-dynamic";

export default function MyOrdersPage() {
  return (
    <main className="mx-auto max-w-xl px-4 pb-16 pt-6">
      <h1 className="text-3xl font-semibold tracking-tight">My orders</h1>
      <p className="mt-2 text-muted">Orders placed on this device in the last week. Tap one for its live status.</p>
      <MyOrdersList />
    </main>
  );
}
