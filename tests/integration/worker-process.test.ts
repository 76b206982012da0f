import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/embedded/free-port.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import { startMailSink, type MailSink } from "../support/mail-sink.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, waitFor } from "../support/worker-harness.ts";
import { getHealth, spawnWorkerProcess, type WorkerProcess } from "../support/worker-process.ts";

// The worker as the deployment runs it: a process that reports health, does the work,
// and on SIGTERM finishes within its bound and exits 0.

let stack: TestStack;
let sink: MailSink;
const children: WorkerProcess[] = [];
beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  sink = await startMailSink();
});
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
  await sink?.close();
  await stack?.stop();
});

describe("worker process", () => {
  it("serves /health, queues orders, and exits 0 soon after SIGTERM", async () => {
    const port = await freePort();
    const worker = spawnWorkerProcess({ ...stack.env, WORKER_HEALTH_PORT: String(port), SMTP_URL: sink.smtpUrl });
    children.push(worker);

    const health = await waitFor(
      async () => {
        if (worker.child.exitCode !== null) throw new Error(`worker exited early:\n${worker.output()}`);
        const h = await getHealth(port);
        return h?.status === 200 && h;
      },
      { timeoutMs: 30_000, what: "worker health 200" },
    );
    expect(health.body).toMatchObject({ status: "ok", workerId: expect.stringContaining(`-${worker.child.pid}-`) });
    expect(typeof health.body.lastPollAt).toBe("string");
    const workerId = String(health.body.workerId);

    const order = await placeTestOrder(stack, { customerName: "Child" });
    await waitFor(async () => (await stack.prisma.order.findUniqueOrThrow({ where: { id: order.orderId } })).status === "QUEUED", {
      what: "order queued by the child worker",
    });
    await waitFor(() => stack.prisma.workerHeartbeat.findUnique({ where: { workerId } }), { what: "heartbeat row" });

    const t0 = Date.now();
    worker.child.kill("SIGTERM");
    const exit = await worker.exited;
    expect(exit, worker.output()).toEqual({ code: 0, signal: null });
    // It was idle in a 20 s long poll: stopping must abort that, not wait it out.
    expect(Date.now() - t0).toBeLessThan(5000);
    const beat = await stack.prisma.workerHeartbeat.findUniqueOrThrow({ where: { workerId } });
    expect(beat.stoppedAt).not.toBeNull();
    expect(beat.processed).toBeGreaterThanOrEqual(1);
    expect(await getHealth(port)).toBeNull();
  });

  it("exits 1 with a clear message when the configuration is invalid", async () => {
    const worker = spawnWorkerProcess({ ...stack.env, DATABASE_URL: "mysql://nope" });
    children.push(worker);
    const exit = await worker.exited;
    expect(exit.code).toBe(1);
    expect(worker.output()).toContain("DATABASE_URL must start with postgresql://");
  });
});
