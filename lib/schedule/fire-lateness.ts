// A scheduled order is released to the kitchen by the worker at fireAt. The worker polls
// every second, so a few seconds' delay is normal; more than a minute means no worker ran
// at fireAt (the shop was down) and the kitchen must know the customer may already be waiting.

export const FIRE_LATE_AFTER_SECONDS = 60;

/** Fired more than FIRE_LATE_AFTER_SECONDS after its fire time; never for an ASAP or not-yet-fired order. */
export function isFiredLate(order: { fireAt: Date | null; firedAt: Date | null }): boolean {
  if (order.fireAt === null || order.firedAt === null) return false;
  return order.firedAt.getTime() - order.fireAt.getTime() > FIRE_LATE_AFTER_SECONDS * 1000;
}
