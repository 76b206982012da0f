import type pg from "pg";
import { E2E_DATABASE_URL } from "../stack-env.ts";
import { queryOn } from "./stack-db.ts";

/** One statement against the e2e stack's embedded PostgreSQL (test setup and checks only). */
export const query = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => queryOn<T>(E2E_DATABASE_URL, sql, params);

/** Sells an item out (or back in) the way a manager's switch would; the menu_changed trigger tells open pages. */
export async function setItemAvailable(menuItemId: string, available: boolean): Promise<void> {
  await query(`UPDATE "MenuItem" SET available = $2 WHERE id = $1`, [menuItemId, available]);
}

/** Busy mode until the given time (null ends it). */
export async function setPausedUntil(until: Date | null): Promise<void> {
  await query(
    `INSERT INTO "StoreSettings" (id, "pausedUntil", "updatedAt") VALUES (1, $1, now())
     ON CONFLICT (id) DO UPDATE SET "pausedUntil" = EXCLUDED."pausedUntil", "updatedAt" = now()`,
    [until],
  );
}

export async function ordersNamed(customerName: string): Promise<{ id: string; ticketNumber: number; status: string }[]> {
  return query(`SELECT id, "ticketNumber", status::text AS status FROM "Order" WHERE "customerName" = $1`, [customerName]);
}
