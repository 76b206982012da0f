// What the kitchen display and the customer-facing order board receive (JSON and SSE).
// Server (lib/kitchen/*) and screens (components/kds/*, components/board/*) share these
// shapes, so a change to one side fails the type check on the other.

export type KdsOption = {
  name: string;
  /** The option group's name ("Milk", "Size"); null on orders placed before it was recorded. */
  group: string | null;
  /** Not the group's default choice (e.g. oat milk, a large size): highlighted on the ticket. */
  nonDefault: boolean;
  /** Dietary/allergen flag of the option ("Non-dairy", "Decaf", "Tree nut"): shown as a warning badge. */
  flag: string | null;
};

export type KdsItem = {
  name: string;
  quantity: number;
  /** Station the item's menu category routes to (e.g. "Espresso bar"); null = not routed. */
  station: string | null;
  /** When its station marked it done (station routing); null = still to make. */
  doneAt: string | null;
  note: string | null;
  options: KdsOption[];
};

type OrderSource = "ONLINE" | "WALK_UP";

export type KdsTicket = {
  id: string;
  ticketNumber: number;
  customerName: string;
  status: "QUEUED" | "IN_PROGRESS";
  source: OrderSource;
  placedAt: string;
  queuedAt: string | null;
  startedAt: string | null;
  /** Name of the barista who started (claimed) the ticket. */
  claimedBy: string | null;
  /** Set while the ticket is moved to the front; the most recently prioritized comes first. */
  prioritizedAt: string | null;
  /** Set when the ticket was recalled from the bumped list back onto the board. */
  recalledAt: string | null;
  /** Set once a barista pressed Ready; the ticket leaves the board when the worker marks it READY. */
  readyRequestedAt: string | null;
  /** Slot start of a scheduled order; null = as soon as possible. */
  pickupAt: string | null;
  /** The slot as the customer was told it, "8:15" (store time zone); null with pickupAt. */
  pickupLabel: string | null;
  /** A scheduled order released to the kitchen well after its fire time (the shop was down): the customer may already be here. */
  late: boolean;
  items: KdsItem[];
};

/** A ticket bumped recently, newest first: what Recall can bring back. */
export type RecentTicket = {
  id: string;
  ticketNumber: number;
  customerName: string;
  /** null while the bump is still on its way through the worker. */
  readyAt: string | null;
  readyRequestedAt: string;
  claimedBy: string | null;
};

/** A ticket cancelled recently (by a barista or the customer), newest first: how screens tell a cancellation from a bump. */
export type CancelledTicket = {
  id: string;
  ticketNumber: number;
  customerName: string;
  reason: string | null;
  cancelledAt: string;
  /** The barista who cancelled it; null when the customer did. */
  cancelledBy: string | null;
};

export type KdsSettings = {
  /** Age (since queued) at which a ticket turns yellow, then red. */
  warnAfterSeconds: number;
  lateAfterSeconds: number;
  /** How long a ready order stays in the board's Ready column. */
  boardReadySeconds: number;
};

/** Scheduled orders not yet released to the kitchen, per pickup slot: what is coming. */
export type UpcomingSlot = {
  startsAt: string;
  /** "8:15" (store time zone). */
  label: string;
  orders: number;
  /** Sum of item quantities. */
  drinks: number;
};

export type KdsBoardData = {
  /** Open tickets in queue order (prioritized first); for a station, only tickets with items still to make there, and only those items. */
  tickets: KdsTicket[];
  recent: RecentTicket[];
  cancelled: CancelledTicket[];
  /** The next slots (within 4 hours, at most 8) with scheduled orders, soonest first; the same on every station's board. */
  upcoming: UpcomingSlot[];
  settings: KdsSettings;
  /** Every station the menu routes to, sorted; empty when the shop does not use stations. */
  stations: string[];
  /** The station this board was asked for; null = expediter (everything). */
  station: string | null;
};

/** The customer-facing order board (/board): first names only. */
export type OrderBoardEntry = { ticketNumber: number; firstName: string; status: "QUEUED" | "IN_PROGRESS" | "READY"; readyAt: string | null };

export type OrderBoardData = {
  preparing: OrderBoardEntry[];
  /** Ready orders, newest first, that became ready less than readyForSeconds ago. */
  ready: OrderBoardEntry[];
  readyForSeconds: number;
};
