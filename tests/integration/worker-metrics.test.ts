import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// The worker's internal port serves Prometheus metrics next to /health.

let stack: TestStack;
let worker: Worker | undefined;
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
});
afterAll(async () => {
  await stopTestWorker(worker);
  await stack?.stop();
});

const metricValue = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("worker /metrics", () => {
  it("counts today's orders by status, the queues and the handling time of what it processed", async () => {
    worker = await startTestWorker(stack, { healthPort: 0 });
    const orders = await Promise.all([placeTestOrder(stack), placeTestOrder(stack), placeTestOrder(stack)]);
    const ids = orders.map((o) => o.orderId);
    await waitFor(async () => (await stack.prisma.order.count({ where: { id: { in: ids }, status: "QUEUED" } })) === 3, { what: "3 queued orders" });
    await stack.prisma.order.update({ where: { id: ids[0]! }, data: { status: "CANCELLED", cancelledAt: new Date() } });

    const res = await fetch(`http://127.0.0.1:${worker.healthPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toContain("# TYPE brewline_orders gauge");
    expect(metricValue(text, 'brewline_orders{status="QUEUED"}')).toBe(2);
    expect(metricValue(text, 'brewline_orders{status="CANCELLED"}')).toBe(1);
    expect(metricValue(text, 'brewline_orders{status="READY"}')).toBe(0);
    expect(metricValue(text, 'brewline_queue_reachable{queue="orders"}')).toBe(1);
    expect(metricValue(text, 'brewline_queue_messages{queue="orders",state="visible"}')).toBe(0);
    expect(metricValue(text, 'brewline_outbox_messages{state="pending"}')).toBe(0);
    expect(metricValue(text, 'brewline_message_handling_seconds_count{queue="orders",outcome="processed"}')).toBeGreaterThanOrEqual(3);
    expect(metricValue(text, 'brewline_notifications{channel="SMS",status="SENT"}')).toBe(0);
  });
});
