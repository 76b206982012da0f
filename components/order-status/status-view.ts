import type { OrderStatusView } from "../../lib/orders/get-order-status.ts";
import { formatMoney } from "../format.ts";

// What the customer's status page shows for each state, kept pure for unit tests. The
// fields beyond OrderStatusView are optional so the page works with a server that does
// not send them yet (it then shows no queue position, no cancel button, no payment line
// and no pickup time).

type PaymentFields = "tipCents" | "taxIncluded" | "paymentMethod" | "paymentStatus" | "checkout" | "refund";
type PickupFields = "pickupAt" | "pickupLabel" | "late";
type Optional = "subtotalCents" | "taxCents" | "queuePosition" | "etaMinutes" | "canCancel" | PaymentFields | PickupFields;

export type LiveStatusView = Omit<OrderStatusView, Optional> & Partial<Pick<OrderStatusView, Optional>>;

export type Status = OrderStatusView["status"];

export type Step = { key: Status; label: string };

const STEPS: readonly Step[] = [
  { key: "PLACED", label: "Placed" },
  { key: "QUEUED", label: "Queued" },
  { key: "IN_PROGRESS", label: "Being made" },
  { key: "READY", label: "Ready" },
];

const SCHEDULED_STEP: Step = { key: "SCHEDULED", label: "Scheduled" };

/** An order for a pickup time has its "Scheduled" step first, and keeps it once it reached the kitchen. */
export const stepsFor = (view: Pick<LiveStatusView, "status" | "pickupAt">): readonly Step[] =>
  view.pickupAt || view.status === "SCHEDULED" ? [SCHEDULED_STEP, ...STEPS] : STEPS;

/** Nothing more will happen to the order (READY is final for the wait, though a recall can reopen it). */
export const isFinal = (status: Status) => status === "READY" || status === "CANCELLED" || status === "PAYMENT_EXPIRED";

/** The order never reached the kitchen, or has not yet: no kitchen step is current. */
export const beforeKitchen = (status: Status) => status === "AWAITING_PAYMENT" || status === "PAYMENT_EXPIRED";

/** Index of the current step; -1 while awaiting payment (no step reached yet) and when cancelled or never paid (the steps are then not shown). */
export const stepIndex = (status: Status, steps: readonly Step[] = STEPS) => steps.findIndex((s) => s.key === status);

/** The order is paid online (or was, before a refund): nothing to pay at the counter. */
const paidOnline = (view: LiveStatusView) => view.paymentMethod === "ONLINE" && view.paymentStatus !== undefined && view.paymentStatus !== "UNPAID";

/**
 * Title and sentence for the order's state. `confirming`: the customer has just come
 * back from the payment page (?paid=1), so an order still awaiting payment is only
 * waiting for the provider's confirmation.
 */
export function headline(view: LiveStatusView, options: { confirming?: boolean } = {}): { title: string; detail: string } {
  switch (view.status) {
    case "AWAITING_PAYMENT": {
      const then = view.pickupLabel ? `Your ${view.pickupLabel} pickup is booked` : "Your order goes to the baristas";
      return options.confirming
        ? { title: "Confirming your payment…", detail: `This takes a few seconds. ${then} as soon as it's confirmed.` }
        : { title: "Waiting for payment", detail: `${then} as soon as it's paid.` };
    }
    case "SCHEDULED":
      return {
        title: view.pickupLabel ? `Scheduled for ${view.pickupLabel}` : "Scheduled",
        detail: "We'll start making it in time for your pickup. You can cancel until then.",
      };
    case "PAYMENT_EXPIRED":
      return { title: "Payment not completed", detail: "This order was not sent to the kitchen, and nothing was charged." };
    case "PLACED":
      return { title: "Order placed", detail: "Sending it over to the baristas…" };
    case "QUEUED":
      return { title: "In the queue", detail: "Your order is in line. We'll start on it shortly." };
    case "IN_PROGRESS":
      return view.readyRequestedAt
        ? { title: "Almost ready", detail: "Just putting the lid on." }
        : { title: "Being made", detail: "A barista is making your order right now." };
    case "READY":
      return {
        title: "Ready! Pick it up at the counter",
        detail: `Show ticket #${view.ticketNumber} or give your name, ${view.customerName}.${view.paymentStatus === "PAID" ? " It's paid." : " Pay at the counter when you collect it."}`,
      };
    case "CANCELLED":
      return { title: "Order cancelled", detail: cancelledDetail(view.cancelReason, { paidOnline: paidOnline(view) }) };
  }
}

/**
 * Who cancelled and why. The customer's own cancellation is stored as "Cancelled by the
 * customer"; a barista's as the reason they gave ("Out of oat milk"), which reads
 * wrong on its own, so it is attributed to the café.
 */
export function cancelledDetail(reason: string | null, options: { paidOnline?: boolean } = {}): string {
  const given = reason?.trim();
  if (!given) return "Please ask at the counter.";
  // A paid order's money comes back by refund, which the payment state tells.
  if (/^cancelled by the customer\.?$/i.test(given)) return options.paidOnline ? "You cancelled this order." : "You cancelled this order. You won't be charged.";
  if (/^cancelled by\b/i.test(given)) return given;
  return `Cancelled by the café: ${given}`;
}

/**
 * Whether the page should keep listening. A ready order can still come back: the
 * kitchen may recall it (a remake), and the page then shows it being made again.
 * A cancellation is final, unless money paid online is still on its way back; an
 * order never paid is final.
 */
export function keepsListening(view: Pick<LiveStatusView, "status" | "paymentMethod" | "paymentStatus" | "refund">): boolean {
  if (view.status === "PAYMENT_EXPIRED") return false;
  if (view.status !== "CANCELLED") return true;
  return view.paymentMethod === "ONLINE" && view.paymentStatus === "PAID" && (!view.refund || view.refund.status === "PENDING");
}

/** "3rd in the queue · about 6 min", or null when there is nothing useful to say. */
export function waitText(view: LiveStatusView): string | null {
  if (isFinal(view.status) || beforeKitchen(view.status) || view.status === "SCHEDULED") return null;
  const parts: string[] = [];
  const position = view.queuePosition;
  if (typeof position === "number" && position > 0) parts.push(position === 1 ? "Next in line" : `${ordinal(position)} in the queue`);
  const eta = view.etaMinutes;
  if (typeof eta === "number" && eta >= 0) parts.push(eta < 1 ? "any moment now" : `about ${Math.round(eta)} min`);
  return parts.length > 0 ? parts.join(" · ") : null;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

export type PaymentTone = "waiting" | "ok" | "warn" | "danger";

/**
 * How the order is (or was) paid, in words, for the status page's payment line; null
 * when there is nothing new to say (paying at pickup, or an older server that sends no
 * payment fields).
 */
export function paymentState(view: LiveStatusView, options: { confirming?: boolean } = {}): { tone: PaymentTone; text: string } | null {
  const { paymentMethod: method, paymentStatus: status, refund } = view;
  if (!method || !status) return null;
  if (method === "ONLINE") {
    if (view.status === "AWAITING_PAYMENT") return options.confirming ? { tone: "waiting", text: "Confirming your payment…" } : { tone: "waiting", text: "Waiting for payment" };
    if (view.status === "PAYMENT_EXPIRED") return { tone: "warn", text: "Payment not completed: this order was not sent to the kitchen" };
    if (refund?.status === "SUCCEEDED" || (status === "REFUNDED" && !refund)) {
      return { tone: "ok", text: `Refunded ${formatMoney(refund?.amountCents ?? view.totalCents)} to your card` };
    }
    if (refund?.status === "PENDING") return { tone: "waiting", text: `Refund of ${formatMoney(refund.amountCents)} on its way` };
    if (refund?.status === "FAILED") return { tone: "danger", text: "We couldn't refund automatically — please talk to the café" };
    if (status === "PAID") {
      if (view.status === "CANCELLED") return { tone: "ok", text: "Paid online · refund on its way" };
      return { tone: "ok", text: view.status === "SCHEDULED" && view.pickupLabel ? `Paid · scheduled for ${view.pickupLabel}` : "Paid online" };
    }
    return null;
  }
  // Paying at pickup is what the page has always said (the total's label, the ready message).
  return status === "PAID" ? { tone: "ok", text: "Paid at the counter" } : null;
}

/**
 * The time left until a scheduled pickup: "Ready for pickup in 1 h 05 min", "in 34 min"
 * (whole minutes, rounded up, so it never says 0 while time is left), never below zero.
 */
export function countdownText(msLeft: number): string {
  const minutes = Math.ceil(Math.max(0, msLeft) / 60_000);
  if (minutes === 0) return "Ready for pickup any moment now";
  if (minutes < 60) return `Ready for pickup in ${minutes} min`;
  return `Ready for pickup in ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** "Pickup at 8:15" once a scheduled order is in the kitchen's hands; null otherwise (and when ready: it is there). */
export function pickupNote(view: Pick<LiveStatusView, "status" | "pickupLabel">): string | null {
  if (!view.pickupLabel) return null;
  return view.status === "PLACED" || view.status === "QUEUED" || view.status === "IN_PROGRESS" ? `Pickup at ${view.pickupLabel}` : null;
}

/** The status in a few words for a list of orders: "Scheduled 8:15", else the page's title. */
export function shortStatus(view: LiveStatusView): string {
  if (view.status === "SCHEDULED" && view.pickupLabel) return `Scheduled ${view.pickupLabel}`;
  return headline(view).title;
}

/** The order became ready while this page watched it (not: it was ready when the page opened). */
export const becameReady = (previous: Status | undefined, current: Status) => previous !== undefined && previous !== "READY" && current === "READY";

/** A status view from the API or the stream, or null if it is not one (a proxy's error page, say). */
export function asStatusView(data: unknown): LiveStatusView | null {
  if (!data || typeof data !== "object") return null;
  const v = data as Partial<LiveStatusView>;
  if (typeof v.ticketNumber !== "number" || typeof v.status !== "string" || !Array.isArray(v.items)) return null;
  return data as LiveStatusView;
}
