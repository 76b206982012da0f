import { getConfig } from "../../../lib/config.ts";
import { getPrisma } from "../../../lib/db/prisma.ts";
import { AppError } from "../../../lib/errors.ts";
import { bearerMatches } from "../../../lib/http/bearer-token.ts";
import { handleRoute } from "../../../lib/http/handle-route.ts";
import { getWebTransport } from "../../../lib/http/web-context.ts";
import { collectPipelineMetrics, pipelineQueues } from "../../../lib/metrics/collect-pipeline-metrics.ts";
import { renderMetrics } from "../../../lib/metrics/prometheus.ts";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrape target on the public web app, so it needs METRICS_TOKEN as a bearer
 * token (the numbers say how busy the shop is and what is failing). Without the setting
 * the endpoint does not exist; the worker's internal port serves the same gauges plus
 * its handling-time histogram.
 */
export const GET = handleRoute(async (request) => {
  const config = getConfig();
  if (!config.METRICS_TOKEN) throw new AppError("NOT_FOUND", "Metrics are off here: set METRICS_TOKEN, or scrape the worker's /metrics");
  if (!bearerMatches(request.headers.get("authorization"), config.METRICS_TOKEN)) {
    return new Response("a valid bearer token is required\n", {
      status: 401,
      headers: { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  }
  const families = await collectPipelineMetrics({
    prisma: getPrisma(),
    sqs: getWebTransport().sqs,
    timeZone: config.STORE_TIMEZONE,
    queues: pipelineQueues(config),
  });
  return new Response(renderMetrics(families), {
    headers: { "content-type": "text/plain; version=0.0.4", "cache-control": "no-store" },
  });
});
