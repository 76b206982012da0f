import { clockNow } from "../clock.ts";
import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { isFiredLate } from "../schedule/fire-lateness.ts";
import { slotLabel } from "../schedule/pickup-slots.ts";
import { kdsOptions } from "./kds-options.ts";
import type { CancelledTicket, KdsBoardData, KdsSettings, KdsTicket, RecentTicket, UpcomingSlot } from "./kitchen-types.ts";
import { KDS_SETTINGS_DEFAULTS } from "./update-kds-settings.ts";

export const MAX_BOARD_TICKETS = 200;
/** How many bumped tickets the board offers to recall, and for how long after they were ready. */
const RECENT_TICKETS = 8;
const RECENT_WINDOW_MS = 60 * 60_000;
/** How far ahead, and how many slots, the Upcoming strip shows: enough to plan the next rush, short enough to read at a glance. */
const UPCOMING_WINDOW_MS = 4 * 60 * 60_000;
const UPCOMING_SLOTS = 8;

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

async function readTickets(prisma: Db, station: string | null, timeZone: string): Promise<KdsTicket[]> {
  // A station sees only what it still has to make; the expediter (no station) sees all.
  const items: Prisma.OrderItemWhereInput = station === null ? {} : { station, doneAt: null };
  const orders = await prisma.order.findMany({
    where: { status: { in: ["QUEUED", "IN_PROGRESS"] }, ...(station === null ? {} : { items: { some: items } }) },
    orderBy: KITCHEN_ORDER,
    take: MAX_BOARD_TICKETS,
    select: {
      id: true,
      ticketNumber: true,
      customerName: true,
      status: true,
      source: true,
      createdAt: true,
      queuedAt: true,
      startedAt: true,
      claimedBy: true,
      prioritizedAt: true,
      recalledAt: true,
      readyRequestedAt: true,
      pickupAt: true,
      fireAt: true,
      firedAt: true,
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
    pickupAt: iso(o.pickupAt),
    pickupLabel: o.pickupAt ? slotLabel(o.pickupAt, timeZone) : null,
    late: isFiredLate(o),
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

/**
 * Scheduled orders not yet released, per pickup slot in the window, soonest first. One
 * statement on the pickupAt index; every station's board shows the same strip.
 */
async function readUpcoming(prisma: Db, now: Date, timeZone: string): Promise<UpcomingSlot[]> {
  const rows = await prisma.$queryRaw<{ startsAt: Date; orders: number; drinks: number }[]>`
    SELECT o."pickupAt" AS "startsAt", COUNT(DISTINCT o."id")::int AS "orders", COALESCE(SUM(i."quantity"), 0)::int AS "drinks"
    FROM "Order" o LEFT JOIN "OrderItem" i ON i."orderId" = o."id"
    WHERE o."status" = 'SCHEDULED' AND o."pickupAt" >= ${now} AND o."pickupAt" < ${new Date(now.getTime() + UPCOMING_WINDOW_MS)}
    GROUP BY o."pickupAt"
    ORDER BY o."pickupAt"
    LIMIT ${UPCOMING_SLOTS}`;
  return rows.map((r) => ({ startsAt: r.startsAt.toISOString(), label: slotLabel(r.startsAt, timeZone), orders: r.orders, drinks: r.drinks }));
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
export async function getKdsBoard(options: { prisma: Db; station?: string | null; timeZone: string; now?: Date }): Promise<KdsBoardData> {
  const station = options.station ?? null;
  const board = (await getKdsBoards({ ...options, stations: [station] })).get(station);
  if (!board) throw unknownStation(station ?? "");
  return board;
}

/**
 * Several stations' boards at once (the live view computes every station a screen shows
 * after a change): what all boards share is read once. A station that does not exist
 * (any more) is missing from the result. Pickup labels are in the store's time zone.
 */
export async function getKdsBoards(options: {
  prisma: Db;
  stations: readonly (string | null)[];
  timeZone: string;
  now?: Date;
}): Promise<Map<string | null, KdsBoardData>> {
  const { prisma, timeZone } = options;
  const now = options.now ?? new Date();
  // Scheduling runs on the shop's clock (lib/clock.ts), which e2e tests move forward; the
  // recall and cancel windows follow the real timestamps the worker writes.
  const [recent, cancelled, upcoming, { settings, stations }, ...tickets] = await Promise.all([
    readRecent(prisma, now),
    readCancelled(prisma, now),
    readUpcoming(prisma, options.now ?? clockNow(), timeZone),
    readKdsContext(prisma),
    ...options.stations.map((station) => readTickets(prisma, station, timeZone)),
  ]);
  const boards = new Map<string | null, KdsBoardData>();
  options.stations.forEach((station, i) => {
    if (station !== null && !stations.includes(station)) return;
    boards.set(station, { tickets: tickets[i]!, recent, cancelled, upcoming, settings, stations, station });
  });
  return boards;
}
