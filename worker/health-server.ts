import http from "node:http";
import { isIP, type AddressInfo } from "node:net";
import { bearerMatches } from "../lib/http/bearer-token.ts";

export type HealthReport = { healthy: boolean; body: Record<string, unknown> };

export type HealthServer = { port: number; close: () => Promise<void> };

/** Whether only this machine can reach `host`: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1" || /^::ffff:127\./.test(bare);
  return false;
}

/**
 * Who may read /metrics: anyone on loopback (only this machine can connect); on any
 * other address only a caller with the token, and nobody when there is none (the
 * numbers say how busy the shop is and what is failing).
 */
export function metricsAccess(host: string, token: string | undefined): "open" | "token" | "off" {
  if (isLoopbackHost(host)) return "open";
  return token ? "token" : "off";
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));

/**
 * GET /health → 200 when healthy, 503 otherwise; a load balancer or orchestrator polls
 * it, so it needs no token (it tells only whether the worker runs, and its id).
 * GET /metrics → Prometheus text, as metricsAccess allows. The server listens on
 * `host` only: by default 127.0.0.1, where nothing off the machine can reach it.
 */
export function startHealthServer(options: {
  port: number;
  host: string;
  report: () => HealthReport;
  metrics?: () => Promise<string>;
  /** Bearer token /metrics needs when `host` is not loopback. */
  metricsToken?: string;
}): Promise<HealthServer> {
  const access = metricsAccess(options.host, options.metricsToken);
  const server = http.createServer((req, res) => {
    const path = req.url?.split("?")[0];
    if (req.method === "GET" && path === "/health") {
      const { healthy, body } = options.report();
      json(res, healthy ? 200 : 503, body);
      return;
    }
    if (req.method === "GET" && path === "/metrics" && options.metrics && access !== "off") {
      if (access === "token" && !bearerMatches(req.headers.authorization ?? null, options.metricsToken!)) {
        res.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" }).end("a valid bearer token is required\n");
        return;
      }
      options.metrics().then(
        (text) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4", "cache-control": "no-store" }).end(text),
        () => res.writeHead(503, { "content-type": "text/plain" }).end("metrics unavailable\n"),
      );
      return;
    }
    json(res, 404, { error: "not found" });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
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
