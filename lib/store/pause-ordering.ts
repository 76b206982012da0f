import { changeStoreSettingsAsStaff } from "./change-store-settings-as-staff.ts";
import type { StoreSettingsSnapshot } from "./store-state.ts";

/** The longest pause (the route's schema refuses a longer one). */
export const MAX_PAUSE_MINUTES = 8 * 60;

/**
 * Busy mode: no new online orders for `minutes`, then ordering resumes by itself
 * (placeOrder and GET /api/store compare pausedUntil with the clock; nothing has to run
 * when the pause ends). 0 minutes ends a pause now. `minutes` is a whole number from 0
 * to MAX_PAUSE_MINUTES, checked by the route (app/api/admin/store/schema.ts).
 */
export async function pauseOrdering(
  options: Pick<Parameters<typeof changeStoreSettingsAsStaff>[0], "prisma" | "actor"> & { minutes: number; now?: Date },
): Promise<StoreSettingsSnapshot> {
  const now = options.now ?? new Date();
  const pausedUntil = options.minutes > 0 ? new Date(now.getTime() + options.minutes * 60_000) : null;
  return changeStoreSettingsAsStaff({
    prisma: options.prisma,
    actor: options.actor,
    patch: { pausedUntil },
    summary: pausedUntil ? `Paused orders for ${options.minutes} min` : "Resumed orders",
  });
}
