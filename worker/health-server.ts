import http from "node:http";
import type { AddressInfo } from "node:net";

export type HealthReport = { healthy: boolean; body: Record<string, unknown> };

export type HealthServer = { port: number; close: () => Promise<void> };

/** GET /health → 200 when healthy, 503 otherwise; a load balancer or orchestrator polls it. */
export function startHealthServer(options: { port: number; report: () => HealthReport }): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/health") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    const { healthy, body } = options.report();
    res.writeHead(healthy ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
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
