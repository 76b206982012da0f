import { afterEach, describe, expect, it } from "vitest";
import { startHealthServer, type HealthServer } from "./health-server.ts";

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("startHealthServer", () => {
  it("answers 200 when healthy, 503 when not, 404 elsewhere", async () => {
    let healthy = true;
    server = await startHealthServer({ port: 0, report: () => ({ healthy, body: { status: healthy ? "ok" : "stopping" } }) });
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

  it("fails to start when the port is taken", async () => {
    server = await startHealthServer({ port: 0, report: () => ({ healthy: true, body: {} }) });
    await expect(startHealthServer({ port: server.port, report: () => ({ healthy: true, body: {} }) })).rejects.toThrow(/EADDRINUSE/);
  });
});
