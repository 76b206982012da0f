import { AppError } from "../errors.ts";
import type { OrderStatus } from "../generated/prisma/enums.ts";

// Messages for a barista action that does not fit the order's current state. They are
// shown on the kitchen display as is, so they say what happened, not what failed.

export const orderNotFound = () => new AppError("NOT_FOUND", "That ticket does not exist");

export type KitchenAction = "start" | "ready" | "recall" | "cancel" | "priority" | "station-done";

export type ConflictingOrder = {
  ticketNumber: number;
  status: OrderStatus;
  claimedBy?: string | null;
  readyRequestedAt?: Date | null;
  recalledAt?: Date | null;
};

function inKitchen(action: KitchenAction, ticket: string, order: ConflictingOrder): string {
  if (action === "start") return order.claimedBy ? `${ticket} was already started by ${order.claimedBy}` : `${ticket} was already started`;
  if (action === "recall") {
    return order.recalledAt && !order.readyRequestedAt ? `${ticket} is already back on the board` : `${ticket} has not been bumped`;
  }
  return `${ticket} is already being made`;
}

export function orderConflict(action: KitchenAction, order: ConflictingOrder): AppError {
  const ticket = `Ticket #${order.ticketNumber}`;
  const message: Record<OrderStatus, () => string> = {
    // Not on any kitchen screen: only a forged or very stale request names one.
    AWAITING_PAYMENT: () => `${ticket} has not been paid for yet, so it is not in the kitchen`,
    PAYMENT_EXPIRED: () => `${ticket} was never paid for, so it was not made`,
    SCHEDULED: () => `${ticket} is booked for a later pickup and not in the kitchen yet`,
    PLACED: () => `${ticket} is not in the kitchen queue yet; try again in a moment`,
    QUEUED: () => (action === "recall" ? inKitchen(action, ticket, order) : `${ticket} has not been started yet`),
    IN_PROGRESS: () => inKitchen(action, ticket, order),
    READY: () => (action === "cancel" ? `${ticket} is already ready, so it can no longer be cancelled` : `${ticket} is already ready`),
    CANCELLED: () => (action === "cancel" ? `${ticket} was already cancelled` : `${ticket} was cancelled`),
  };
  return new AppError("CONFLICT", message[order.status](), { ticketNumber: order.ticketNumber, status: order.status });
}
