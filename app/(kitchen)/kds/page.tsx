import type { Metadata } from "next";
import { KdsBoard } from "../../../components/kds/kds-board.tsx";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { listTickets } from "../../../lib/kds/list-tickets.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Kitchen" };

export default async function KitchenPage() {
  const tickets = await listTickets({ prisma: getPrisma() });
  return (
    <main>
      <KdsBoard initial={tickets} renderedAt={new Date().toISOString()} />
    </main>
  );
}
