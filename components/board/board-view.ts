import type { OrderBoardData, OrderBoardEntry } from "../../lib/kitchen/kitchen-types.ts";

// What the customer-facing order board shows at a given moment. The server sends ready
// orders for readyForSeconds; the screen drops them itself when that time runs out, as
// no event may come (nothing else changed).

/** A ready order is highlighted this long after it became ready. */
export const FRESH_READY_MS = 12_000;

export type ReadyView = OrderBoardEntry & { fresh: boolean };
export type Density = "large" | "medium" | "small";

export function boardView(data: OrderBoardData, now: number): { preparing: OrderBoardEntry[]; ready: ReadyView[] } {
  const keepMs = data.readyForSeconds * 1000;
  const ready = data.ready
    .filter((e) => e.readyAt === null || now - Date.parse(e.readyAt) < keepMs)
    .map((e) => ({ ...e, fresh: e.readyAt !== null && now - Date.parse(e.readyAt) < FRESH_READY_MS }));
  return { preparing: data.preparing, ready };
}

/** Smaller type as a column fills up, so a rush still fits on one screen without scrolling. */
export function density(count: number): Density {
  if (count <= COLUMN_CAPACITY.large) return "large";
  if (count <= COLUMN_CAPACITY.medium) return "medium";
  return "small";
}

/** How many entries fit a column at each density (2×4, 3×5, 4×8); the rest are summed up as "+ N more". */
const COLUMN_CAPACITY: Record<Density, number> = { large: 8, medium: 15, small: 32 };

export function columnEntries<T>(entries: readonly T[]): { shown: T[]; more: number; density: Density } {
  const d = density(entries.length);
  const shown = entries.slice(0, COLUMN_CAPACITY[d]);
  return { shown, more: entries.length - shown.length, density: d };
}
