import { AppError } from "../errors.ts";
import type { OrderStatus } from "../generated/prisma/enums.ts";

// Messages for a barista action that does not fit the order's current state. They are
// shown on the kitchen display as is, so they say what happened, not what failed.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const orderNotFound = () => new AppError("NOT_FOUND", "That ticket does not exist");

export function orderConflict(action: "start" | "ready", order: { ticketNumber: number; status: OrderStatus }): AppError {
  const ticket = `Ticket #${order.ticketNumber}`;
  const message: Record<OrderStatus, string> = {
    PLACED: `${ticket} is not in the kitchen queue yet; try again in a moment`,
    QUEUED: `${ticket} has not been started yet`,
    IN_PROGRESS: action === "start" ? `${ticket} was already started` : `${ticket} is already being made`,
    READY: `${ticket} is already ready`,
    CANCELLED: `${ticket} was cancelled`,
  };
  return new AppError("CONFLICT", message[order.status], { ticketNumber: order.ticketNumber, status: order.status });
}
