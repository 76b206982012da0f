import type { OrderStatusView } from "../../lib/orders/get-order-status.ts";

// What the customer's status page shows for each state, kept pure for unit tests. The
// fields beyond OrderStatusView are optional so the page works with a server that does
// not send them yet (it then shows no queue position and no cancel button).

export type LiveStatusView = Omit<OrderStatusView, "subtotalCents" | "taxCents" | "queuePosition" | "etaMinutes" | "canCancel"> & {
  subtotalCents?: number;
  taxCents?: number;
  queuePosition?: number | null;
  etaMinutes?: number | null;
  canCancel?: boolean;
};

export type Status = OrderStatusView["status"];

export const STEPS = [
  { key: "PLACED", label: "Placed" },
  { key: "QUEUED", label: "Queued" },
  { key: "IN_PROGRESS", label: "Being made" },
  { key: "READY", label: "Ready" },
] as const;

export const isFinal = (status: Status) => status === "READY" || status === "CANCELLED";

/** Index of the current step; -1 when cancelled (the steps are then not shown). */
export const stepIndex = (status: Status) => STEPS.findIndex((s) => s.key === status);

export function headline(view: LiveStatusView): { title: string; detail: string } {
  switch (view.status) {
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
        detail: `Show ticket #${view.ticketNumber} or give your name, ${view.customerName}. Pay at the counter when you collect it.`,
      };
    case "CANCELLED":
      return { title: "Order cancelled", detail: cancelledDetail(view.cancelReason) };
  }
}

/**
 * Who cancelled and why. The customer's own cancellation is stored as "Cancelled by the
 * customer"; a barista's as the reason they gave ("Out of oat milk"), which reads
 * wrong on its own, so it is attributed to the café.
 */
export function cancelledDetail(reason: string | null): string {
  const given = reason?.trim();
  if (!given) return "Please ask at the counter.";
  if (/^cancelled by the customer\.?$/i.test(given)) return "You cancelled this order. You won't be charged.";
  if (/^cancelled by\b/i.test(given)) return given;
  return `Cancelled by the café: ${given}`;
}

/**
 * Whether the page should keep listening. A ready order can still come back: the
 * kitchen may recall it (a remake), and the page then shows it being made again.
 * Only a cancellation is final.
 */
export const keepsListening = (status: Status) => status !== "CANCELLED";

/** "3rd in the queue · about 6 min", or null when there is nothing useful to say. */
export function waitText(view: LiveStatusView): string | null {
  if (isFinal(view.status)) return null;
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

/** The order became ready while this page watched it (not: it was ready when the page opened). */
export const becameReady = (previous: Status | undefined, current: Status) => previous !== undefined && previous !== "READY" && current === "READY";

/** A status view from the API or the stream, or null if it is not one (a proxy's error page, say). */
export function asStatusView(data: unknown): LiveStatusView | null {
  if (!data || typeof data !== "object") return null;
  const v = data as Partial<LiveStatusView>;
  if (typeof v.ticketNumber !== "number" || typeof v.status !== "string" || !Array.isArray(v.items)) return null;
  return data as LiveStatusView;
}
