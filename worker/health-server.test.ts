import { afterEach, describe, expect, it } from "vitest";
import { lanAddress, reachable } from "../tests/support/network.ts";
import { isLoopbackHost, metricsAccess, startHealthServer, type HealthServer } from "./health-server.ts";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = "metrics-token-0123456789";
const metrics = async () => "brewline_up 1\n";
const report = () => ({ healthy: true, body: { status: "ok" } });


describe("isLoopbackHost and metricsAccess", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(["0.0.0.0", "::", "10.0.0.5", "192.168.1.20", "fe80::1", "worker.internal", "128.0.0.1"])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
  it("opens /metrics on loopback, wants the token elsewhere, and is off without one", () => {
    expect(metricsAccess("127.0.0.1", undefined)).toBe("open");
    expect(metricsAccess("0.0.0.0", TOKEN)).toBe("token");
    expect(metricsAccess("0.0.0.0", undefined)).toBe("off");
  });
});

describe("startHealthServer", () => {
  it("answers 200 when healthy, 503 when not, 404 elsewhere", async () => {
    let healthy = true;
    server = await startHealthServer({ port: 0, host: "127.0.0.1", report: () => ({ healthy, body: { status: healthy ? "ok" : "stopping" } }) });
    const base = `http://127.0.0.1:${server.port}`;

    const ok = await fetch(`${base}/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok" });

    healthy = false;
    const down = await fetch(`${base}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "stopping" });

    expect((await fetch(`${base}/other`)).status).toBe(404);
  });

  it("listens on loopback only by default, with /metrics open there", async () => {
    server = await startHealthServer({ port: 0, host: "127.0.0.1", report, metrics });
    const metricsResponse = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(metricsResponse.status).toBe(200);
    expect(await metricsResponse.text()).toBe("brewline_up 1\n");
    if (lanAddress) expect(await reachable(lanAddress, server.port)).toBe(false);
  });

  it("beyond loopback, /metrics needs the bearer token and /health stays open", async () => {
    server = await startHealthServer({ port: 0, host: "0.0.0.0", report, metrics, metricsToken: TOKEN });
    const base = `http://${lanAddress ?? "127.0.0.1"}:${server.port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);

    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await anonymous.text()).not.toContain("brewline_up");
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);

    const scraped = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toBe("brewline_up 1\n");
  });

  it("beyond loopback without a token, /metrics does not exist", async () => {
    server = await startHealthServer({ port: 0, host: "0.0.0.0", report, metrics });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer anything-at-all-123" } })).status).toBe(404);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it("fails to start when the port is taken", async () => {
    server = await startHealthServer({ port: 0, host: "127.0.0.1", report });
    await expect(startHealthServer({ port: server.port, host: "127.0.0.1", report })).rejects.toThrow(/EADDRINUSE/);
  });
});
