import type { CancelledTicket, KdsBoardData, KdsItem, KdsOption, KdsTicket, RecentTicket } from "../../lib/kitchen/kitchen-types.ts";

// Small builders for the kitchen display's unit tests (not used by the app).

export const option = (name: string, patch: Partial<KdsOption> = {}): KdsOption => ({ name, group: null, nonDefault: false, flag: null, ...patch });

export const item = (name: string, patch: Partial<KdsItem> = {}): KdsItem => ({ name, quantity: 1, station: null, doneAt: null, note: null, options: [], ...patch });

export const ticket = (ticketNumber: number, patch: Partial<KdsTicket> = {}): KdsTicket => ({
  id: `id-${ticketNumber}`,
  ticketNumber,
  customerName: `Customer ${ticketNumber}`,
  status: "QUEUED",
  source: "ONLINE",
  placedAt: "2026-01-01T10:00:00.000Z",
  queuedAt: "2026-01-01T10:00:00.000Z",
  startedAt: null,
  claimedBy: null,
  prioritizedAt: null,
  recalledAt: null,
  readyRequestedAt: null,
  pickupAt: null,
  pickupLabel: null,
  late: false,
  items: [item("Latte")],
  ...patch,
});

export const recent = (ticketNumber: number, patch: Partial<RecentTicket> = {}): RecentTicket => ({
  id: `id-${ticketNumber}`,
  ticketNumber,
  customerName: `Customer ${ticketNumber}`,
  readyAt: "2026-01-01T10:05:00.000Z",
  readyRequestedAt: "2026-01-01T10:04:59.000Z",
  claimedBy: null,
  ...patch,
});

export const cancelled = (ticketNumber: number, patch: Partial<CancelledTicket> = {}): CancelledTicket => ({
  id: `id-${ticketNumber}`,
  ticketNumber,
  customerName: `Customer ${ticketNumber}`,
  reason: "Out of stock",
  cancelledAt: "2026-01-01T10:06:00.000Z",
  cancelledBy: "Sam",
  ...patch,
});

export const board = (tickets: KdsTicket[], patch: Partial<KdsBoardData> = {}): KdsBoardData => ({
  tickets,
  recent: [],
  cancelled: [],
  upcoming: [],
  settings: { warnAfterSeconds: 180, lateAfterSeconds: 300, boardReadySeconds: 300 },
  stations: [],
  station: null,
  ...patch,
});
