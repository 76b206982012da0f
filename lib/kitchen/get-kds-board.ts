import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { kdsOptions } from "./kds-options.ts";
import type { CancelledTicket, KdsBoardData, KdsSettings, KdsTicket, RecentTicket } from "./kitchen-types.ts";
import { KDS_SETTINGS_DEFAULTS } from "./update-kds-settings.ts";

export const MAX_BOARD_TICKETS = 200;
/** How many bumped tickets the board offers to recall, and for how long after they were ready. */
const RECENT_TICKETS = 8;
const RECENT_WINDOW_MS = 60 * 60_000;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Open tickets in the kitchen's order: prioritized first (the latest first), then by
 * queue time (ticket numbers restart daily, so the number only breaks ties). Shared
 * with the customer-facing order board.
 */
export const KITCHEN_ORDER: Prisma.OrderOrderByWithRelationInput[] = [
  { prioritizedAt: { sort: "desc", nulls: "last" } },
  { queuedAt: { sort: "asc", nulls: "last" } },
  { ticketNumber: "asc" },
];

type Context = { settings: KdsSettings | null; stations: string[] };

/** The kitchen's timing settings and every station the menu routes to, in one statement. */
export async function readKdsContext(prisma: Pick<Prisma.TransactionClient, "$queryRaw">): Promise<{ settings: KdsSettings; stations: string[] }> {
  const [row] = await prisma.$queryRaw<Context[]>`
    SELECT
      (SELECT json_build_object('warnAfterSeconds', s."kdsWarnAfterSeconds", 'lateAfterSeconds', s."kdsLateAfterSeconds",
          'boardReadySeconds', s."boardReadySeconds")
        FROM "StoreSettings" s WHERE s."id" = 1) AS "settings",
      COALESCE((SELECT json_agg(DISTINCT c."station" ORDER BY c."station") FROM "MenuCategory" c WHERE c."station" IS NOT NULL), '[]'::json)
        AS "stations"`;
  return { settings: row?.settings ?? KDS_SETTINGS_DEFAULTS, stations: row?.stations ?? [] };
}

type Db = Pick<Prisma.TransactionClient, "order" | "$queryRaw">;

async function readTickets(prisma: Db, station: string | null): Promise<KdsTicket[]> {
  // A station sees only what it still has to make; the expediter (no station) sees all.
  const items: Prisma.OrderItemWhereInput = station === null ? {} : { station, doneAt: null };
  const orders = await prisma.order.findMany({
    where: { status: { in: ["QUEUED", "IN_PROGRESS"] }, ...(station === null ? {} : { items: { some: items } }) },
    orderBy: KITCHEN_ORDER,
    take: MAX_BOARD_TICKETS,
    include: {
      items: {
        where: items,
        orderBy: { position: "asc" },
        select: { name: true, quantity: true, station: true, doneAt: true, note: true, options: true },
      },
    },
  });
  return orders.map((o) => ({
    id: o.id,
    ticketNumber: o.ticketNumber,
    customerName: o.customerName,
    status: o.status as KdsTicket["status"],
    source: o.source,
    placedAt: o.createdAt.toISOString(),
    queuedAt: iso(o.queuedAt),
    startedAt: iso(o.startedAt),
    claimedBy: o.claimedBy,
    prioritizedAt: iso(o.prioritizedAt),
    recalledAt: iso(o.recalledAt),
    readyRequestedAt: iso(o.readyRequestedAt),
    items: o.items.map((i) => ({
      name: i.name,
      quantity: i.quantity,
      station: i.station,
      doneAt: iso(i.doneAt),
      note: i.note,
      options: kdsOptions(i.options),
    })),
  }));
}

/** Bumped tickets a barista may recall, newest bump first: READY within the window, or still on their way through the worker. */
async function readRecent(prisma: Db, now: Date): Promise<RecentTicket[]> {
  const orders = await prisma.order.findMany({
    where: {
      OR: [
        { status: "READY", readyAt: { gt: new Date(now.getTime() - RECENT_WINDOW_MS) } },
        { status: { in: ["QUEUED", "IN_PROGRESS"] }, readyRequestedAt: { not: null } },
      ],
    },
    orderBy: [{ readyRequestedAt: { sort: "desc", nulls: "last" } }, { readyAt: "desc" }],
    take: RECENT_TICKETS,
    select: { id: true, ticketNumber: true, customerName: true, readyAt: true, readyRequestedAt: true, claimedBy: true },
  });
  return orders.map((o) => ({
    id: o.id,
    ticketNumber: o.ticketNumber,
    customerName: o.customerName,
    readyAt: iso(o.readyAt),
    // Only an order marked READY by hand (never bumped) lacks it.
    readyRequestedAt: (o.readyRequestedAt ?? o.readyAt ?? now).toISOString(),
    claimedBy: o.claimedBy,
  }));
}

/** Tickets cancelled within the window, newest first: screens sound and show a notice for these, not for bumps. */
async function readCancelled(prisma: Db, now: Date): Promise<CancelledTicket[]> {
  const orders = await prisma.order.findMany({
    // The createdAt bound lets the (status, createdAt) index skip every older day's cancellations.
    where: {
      status: "CANCELLED",
      createdAt: { gt: new Date(now.getTime() - 24 * 60 * 60_000) },
      cancelledAt: { gt: new Date(now.getTime() - RECENT_WINDOW_MS) },
    },
    orderBy: { cancelledAt: "desc" },
    take: RECENT_TICKETS,
    select: { id: true, ticketNumber: true, customerName: true, cancelReason: true, cancelledAt: true, cancelledBy: true },
  });
  return orders.map((o) => ({
    id: o.id,
    ticketNumber: o.ticketNumber,
    customerName: o.customerName,
    reason: o.cancelReason,
    cancelledAt: (o.cancelledAt ?? now).toISOString(),
    cancelledBy: o.cancelledBy,
  }));
}

export const unknownStation = (station: string) => new AppError("NOT_FOUND", `No station called "${station}"`);

/**
 * Everything a kitchen screen shows: the expediter's board (station null) or one
 * station's. An unknown station is NOT_FOUND, so a screen left on a station that was
 * renamed says so instead of showing an empty board.
 */
export async function getKdsBoard(options: { prisma: Db; station?: string | null; now?: Date }): Promise<KdsBoardData> {
  const station = options.station ?? null;
  const board = (await getKdsBoards({ ...options, stations: [station] })).get(station);
  if (!board) throw unknownStation(station ?? "");
  return board;
}

/**
 * Several stations' boards at once (the live view computes every station a screen shows
 * after a change): what all boards share is read once. A station that does not exist
 * (any more) is missing from the result.
 */
export async function getKdsBoards(options: {
  prisma: Db;
  stations: readonly (string | null)[];
  now?: Date;
}): Promise<Map<string | null, KdsBoardData>> {
  const { prisma } = options;
  const now = options.now ?? new Date();
  const [recent, cancelled, { settings, stations }, ...tickets] = await Promise.all([
    readRecent(prisma, now),
    readCancelled(prisma, now),
    readKdsContext(prisma),
    ...options.stations.map((station) => readTickets(prisma, station)),
  ]);
  const boards = new Map<string | null, KdsBoardData>();
  options.stations.forEach((station, i) => {
    if (station !== null && !stations.includes(station)) return;
    boards.set(station, { tickets: tickets[i]!, recent, cancelled, settings, stations, station });
  });
  return boards;
}
