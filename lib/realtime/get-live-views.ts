import { getConfig } from "../config.ts";
import { getPrisma } from "../db/prisma.ts";
import { boardChanges } from "./board-changes.ts";
import { createKdsView, createOrderBoardView, createOrderStatusView } from "./live-views.ts";
import { getOrderListener } from "./shop-listener.ts";

// One set of live views per web process, shared by every open stream of that process.
// Each view computes at most ten times a second: the first change after a quiet spell at
// once, a busy spell's changes together (customers see a change within about 150 ms
// either way). Queue positions moved by other orders follow within a second
// (lib/realtime/live-views.ts).
const INTERVAL_MS = 100;

type LiveViews = {
  orderStatus: ReturnType<typeof createOrderStatusView>;
  kitchen: ReturnType<typeof createKdsView>;
  board: ReturnType<typeof createOrderBoardView>;
};

const globalForViews = globalThis as unknown as { brewlineLiveViews?: LiveViews };

export function getLiveViews(): LiveViews {
  globalForViews.brewlineLiveViews ??= {
    orderStatus: createOrderStatusView({ prisma: getPrisma(), listener: getOrderListener(), intervalMs: INTERVAL_MS }),
    kitchen: createKdsView({ prisma: getPrisma(), listener: boardChanges, timeZone: getConfig().STORE_TIMEZONE, intervalMs: INTERVAL_MS }),
    board: createOrderBoardView({ prisma: getPrisma(), listener: boardChanges, intervalMs: INTERVAL_MS }),
  };
  return globalForViews.brewlineLiveViews;
}
