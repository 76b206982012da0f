import { getPrisma } from "../db/prisma.ts";
import { boardChanges } from "./board-changes.ts";
import { createKdsView, createOrderBoardView, createOrderStatusView } from "./live-views.ts";
import { getOrderListener } from "./order-listener.ts";

// One set of live views per web process, shared by every open stream of that process.
// Changes are gathered for 50 ms: a burst (an order placed, queued and started within
// moments) costs one computation, and customers see it well within a quarter second.
const COALESCE_MS = 50;

type LiveViews = {
  orderStatus: ReturnType<typeof createOrderStatusView>;
  kitchen: ReturnType<typeof createKdsView>;
  board: ReturnType<typeof createOrderBoardView>;
};

const globalForViews = globalThis as unknown as { brewlineLiveViews?: LiveViews };

export function getLiveViews(): LiveViews {
  globalForViews.brewlineLiveViews ??= {
    orderStatus: createOrderStatusView({ prisma: getPrisma(), listener: getOrderListener(), coalesceMs: COALESCE_MS }),
    kitchen: createKdsView({ prisma: getPrisma(), listener: boardChanges, coalesceMs: COALESCE_MS }),
    board: createOrderBoardView({ prisma: getPrisma(), listener: boardChanges, coalesceMs: COALESCE_MS }),
  };
  return globalForViews.brewlineLiveViews;
}
