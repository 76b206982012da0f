import { getConfig } from "../../../lib/config.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { handleRoute, jsonResponse } from "../../../lib/http/handle-route.ts";
import { checkReadiness } from "../../../lib/http/readiness.ts";
import { getWebTransport } from "../../../lib/http/web-context.ts";
import { logger } from "../../../lib/log.ts";
import { listWorkerHeartbeats } from "../../../lib/worker/list-worker-heartbeats.ts";
import { summarizeWorkers } from "../../../lib/worker/summarize-workers.ts";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when Postgres answers, migrations are applied and the orders queue is
 * reachable; otherwise 503 naming what failed. Error details go to the log only, since
 * they can contain internal host names.
 */
export const GET = handleRoute(async () => {
  const { ok, checks } = await checkReadiness({
    prisma: getPrisma(),
    sqs: getWebTransport().sqs,
    ordersQueueUrl: getConfig().ORDERS_QUEUE_URL,
  });
  // Reported, not required: while no worker runs, orders still wait safely in the queue.
  const workers = await listWorkerHeartbeats({ prisma: getPrisma(), take: 50 }).catch(() => null);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) logger.warn({ failed }, "not ready");
  return jsonResponse(
    {
      status: ok ? "ready" : "unavailable",
      ...(ok ? {} : { failed: failed.map((c) => c.name) }),
      checks: checks.map((c) => ({ name: c.name, ok: c.ok })),
      // status "down" with downSince: the web takes orders, they wait for a worker.
      workers: workers && summarizeWorkers(workers),
    },
    { status: ok ? 200 : 503 },
  );
});
