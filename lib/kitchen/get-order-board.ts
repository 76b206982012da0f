import type { Prisma } from "../generated/prisma/client.ts";
import { boardFirstName } from "./board-name.ts";
import { KITCHEN_ORDER, MAX_BOARD_TICKETS, readKdsContext } from "./get-kds-board.ts";
import type { OrderBoardData, OrderBoardEntry } from "./kitchen-types.ts";

const select = { ticketNumber: true, customerName: true, status: true, readyAt: true } as const;

type Row = { ticketNumber: number; customerName: string; status: string; readyAt: Date | null };

const entry = (o: Row): OrderBoardEntry => ({
  ticketNumber: o.ticketNumber,
  firstName: boardFirstName(o.customerName),
  status: o.status as OrderBoardEntry["status"],
  readyAt: o.readyAt?.toISOString() ?? null,
});

/**
 * The customer-facing order board: what the kitchen is making, in its order, and what
 * became ready in the last boardReadySeconds, newest first. Entries carry first names
 * only. The screen drops a ready entry once readyForSeconds have passed since readyAt,
 * as nothing in the database changes at that moment to trigger a refresh.
 */
export async function getOrderBoard(options: { prisma: Pick<Prisma.TransactionClient, "order" | "$queryRaw">; now?: Date }): Promise<OrderBoardData> {
  const { prisma } = options;
  const now = options.now ?? new Date();
  const [{ settings }, preparing] = await Promise.all([
    readKdsContext(prisma),
    prisma.order.findMany({ where: { status: { in: ["QUEUED", "IN_PROGRESS"] } }, orderBy: KITCHEN_ORDER, take: MAX_BOARD_TICKETS, select }),
  ]);
  const readySince = new Date(now.getTime() - settings.boardReadySeconds * 1000);
  const ready = await prisma.order.findMany({
    where: { status: "READY", readyAt: { gt: readySince } },
    orderBy: { readyAt: "desc" },
    take: MAX_BOARD_TICKETS,
    select,
  });
  return { preparing: preparing.map(entry), ready: ready.map(entry), readyForSeconds: settings.boardReadySeconds };
}
