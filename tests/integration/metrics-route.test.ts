import { describe, expect, it } from "vitest";
import { GET as metricsRoute } from "../../app/api/metrics/route.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { placeTestOrder } from "../support/worker-harness.ts";

// The web's /api/metrics: Prometheus text for whoever holds METRICS_TOKEN, nobody else.

const TOKEN = "metrics-token-for-the-test-0001";
process.env.METRICS_TOKEN = TOKEN;
const ctx = setupRouteTestStack();

const scrape = (authorization?: string) =>
  metricsRoute(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }), undefined);

describe("GET /api/metrics", () => {
  it("refuses a missing or wrong token with 401", async () => {
    for (const auth of [undefined, "Bearer wrong-token-0000000000000", `Basic ${TOKEN}`]) {
      const res = await scrape(auth);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.text()).not.toContain("brewline_");
    }
  });

  it("serves today's orders by status and the queue depths to the token holder", async () => {
    await placeTestOrder(ctx.stack);
    await placeTestOrder(ctx.stack);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toContain('brewline_orders{status="PLACED"} 2');
    // No worker runs: both order.placed messages wait in the orders queue.
    expect(text).toContain('brewline_queue_messages{queue="orders",state="visible"} 2');
    expect(text).toContain('brewline_queue_reachable{queue="notifications"} 1');
  });
});
