// How long before its pickup time a scheduled order must reach the kitchen.

/** Used until the shop has a finished order to learn from. */
export const DEFAULT_PREP_SECONDS = 4 * 60;

/** The store's typical prep time: the recent median (queued → ready) when there is one. */
export const storePrepSeconds = (recentPrepSeconds: number | null): number =>
  recentPrepSeconds !== null && recentPrepSeconds > 0 ? Math.round(recentPrepSeconds) : DEFAULT_PREP_SECONDS;

/**
 * An order's prep time: its slowest item's. Items with a prep time of their own (set in the
 * menu) use it; the others the store's typical time, which already includes an order's usual
 * wait and the other drinks on it, so the times are not added up.
 */
export function orderPrepSeconds(options: { itemPrepSeconds: readonly (number | null | undefined)[]; recentPrepSeconds: number | null }): number {
  const fallback = storePrepSeconds(options.recentPrepSeconds);
  return Math.max(...options.itemPrepSeconds.map((s) => s ?? fallback), 0) || fallback;
}
