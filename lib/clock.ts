import { readFileSync } from "node:fs";

// The shop's "now" for scheduled pickup (listing slots, placing and firing orders). Real time,
// except in end-to-end tests: BREWLINE_TEST_CLOCK_FILE names a file holding an offset in ms
// that the web app and the worker both add, so a test can move the whole shop 20 minutes on
// without waiting. Never set in production (docs/ARCHITECTURE.md, "Scheduled pickup", "Test clock").

const REREAD_MS = 100;
let cached = { readAt: -Infinity, offsetMs: 0 };

function offsetMs(file: string): number {
  const at = Date.now();
  if (at - cached.readAt < REREAD_MS) return cached.offsetMs;
  let offset = 0;
  try {
    const parsed = Number(readFileSync(file, "utf8").trim() || "0");
    offset = Number.isFinite(parsed) ? parsed : 0;
  } catch {
    // No file yet: no offset.
  }
  cached = { readAt: at, offsetMs: offset };
  return offset;
}

export function clockNow(): Date {
  const file = process.env.BREWLINE_TEST_CLOCK_FILE;
  return new Date(file ? Date.now() + offsetMs(file) : Date.now());
}
