import type { Metadata } from "next";
import { OrderBoard } from "../../../components/board/order-board.tsx";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { getOrderBoard } from "../../../lib/kitchen/get-order-board.ts";
import { storeDisplayName } from "../../../lib/store/store-display-name.ts";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Order board" };

/** The customer-facing order board for a TV at the pickup counter: ticket numbers and first names only. */
export default async function OrderBoardPage() {
  const board = await getOrderBoard({ prisma: getPrisma() });
  return <OrderBoard initial={board} renderedAt={new Date().toISOString()} storeName={storeDisplayName()} />;
}
