import type { Metadata } from "next";
import { StoreEditor } from "../../../../components/store-admin/store-editor.tsx";
import { getConfig } from "../../../../lib/config.ts";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getStoreAdmin } from "../../../../lib/dashboard/get-store-admin.ts";
import { requireStaffPage } from "../../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Store" };

export default async function StoreAdminPage() {
  await requireStaffPage("manager", "/dashboard/store");
  const timeZone = getConfig().STORE_TIMEZONE;
  const { settings, kitchen, state, openOrders } = await getStoreAdmin({ prisma: getPrisma(), timeZone });
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 pb-16 pt-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Store</h1>
        <p className="mt-1 text-muted">When customers can order online. Counter orders at the till are always taken.</p>
      </div>
      <StoreEditor data={{ ...settings, pausedUntil: settings.pausedUntil?.toISOString() ?? null, kitchen, state, openOrders, timeZone, renderedAt: new Date().toISOString() }} />
    </main>
  );
}
