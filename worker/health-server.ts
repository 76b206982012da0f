import http from "node:http";
import type { AddressInfo } from "node:net";

export type HealthReport = { healthy: boolean; body: Record<string, unknown> };

export type HealthServer = { port: number; close: () => Promise<void> };

/**
 * GET /health → 200 when healthy, 503 otherwise; a load balancer or orchestrator polls
 * it. GET /metrics → Prometheus text. Both live on the worker's internal port, which is
 * not exposed to customers (the metrics name queue depths and failure counts).
 */
export function startHealthServer(options: {
  port: number;
  report: () => HealthReport;
  metrics?: () => Promise<string>;
}): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const path = req.url?.split("?")[0];
    if (req.method === "GET" && path === "/health") {
      const { healthy, body } = options.report();
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
      return;
    }
    if (req.method === "GET" && path === "/metrics" && options.metrics) {
      options.metrics().then(
        (text) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4", "cache-control": "no-store" }).end(text),
        () => res.writeHead(503, { "content-type": "text/plain" }).end("metrics unavailable\n"),
      );
      return;
    }
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
