import { renameSync, writeFileSync } from "node:fs";
import { MAIN_SHOP_CLOCK_FILE } from "../stack-env.ts";

// The main shop's clock for scheduled pickup (lib/clock.ts): its web app and worker add the
// offset in MAIN_SHOP_CLOCK_FILE to real time (re-read every 100 ms). Every spec shares the
// shop, so a spec that moves it puts it back (resetShopClock) in an afterEach.

/** The shop's now is real time plus offsetMs. Written whole (a rename), so a reader never sees half a number. */
function setShopClockOffset(offsetMs: number): void {
  const next = `${MAIN_SHOP_CLOCK_FILE}.next`;
  writeFileSync(next, String(Math.round(offsetMs)));
  renameSync(next, MAIN_SHOP_CLOCK_FILE);
}

/** Moves the shop's clock so that its now is `at` (and runs on from there in real time). */
export function moveShopClockTo(at: Date): void {
  setShopClockOffset(at.getTime() - Date.now());
}

/** Back to real time. */
export function resetShopClock(): void {
  setShopClockOffset(0);
}
