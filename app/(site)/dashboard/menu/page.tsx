import type { Metadata } from "next";
import { MenuEditor } from "../../../../components/menu-admin/menu-editor.tsx";
import { getPrisma } from "../../../../lib/db/prisma.ts";
import { getMenuAdmin } from "../../../../lib/menu-admin/get-menu-admin.ts";
import { requireStaffPage } from "../../../require-staff-page.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Menu" };

export default async function MenuAdminPage() {
  await requireStaffPage("manager", "/dashboard/menu");
  const menu = await getMenuAdmin({ prisma: getPrisma() });
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 pb-16 pt-6">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Menu</h1>
        <p className="mt-1 text-muted">Changes reach customers&apos; open menus within a second. Sold out takes a drink or an option off sale at once.</p>
      </div>
      <MenuEditor menu={menu} />
    </main>
  );
}
