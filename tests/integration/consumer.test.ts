import { GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConsumer, type Consumer, type ConsumerOptions } from "../../lib/queue/consumer.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { sleep, waitFor } from "../support/worker-harness.ts";

// The generic consumer against the real SQS emulator (the unit tests use a fake client).

let stack: TestStack;
let consumers: Consumer[] = [];
beforeAll(async () => {
  stack = await startTestStack();
});
afterEach(async () => {
  await Promise.all(consumers.map((c) => c.stop({ timeoutMs: 5000 })));
  consumers = [];
  await sleep(1200); // let the emulator finish the aborted 1 s long polls
});
afterAll(() => stack?.stop());

function consume(options: Pick<ConsumerOptions, "queueUrl" | "handler"> & Partial<ConsumerOptions>) {
  const consumer = createConsumer({ name: "it", sqs: stack.transport.sqs, waitTimeSeconds: 1, ...options });
  consumer.start();
  consumers.push(consumer);
  return consumer;
}

async function queueCounts(queueUrl: string) {
  const out = await stack.transport.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return Number(out.Attributes?.ApproximateNumberOfMessages) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible);
}

describe("createConsumer against the emulator", () => {
  it("keeps a FIFO group in order across a failed attempt and deletes what it handled", async () => {
    const queueUrl = stack.config.ORDERS_QUEUE_URL;
    for (const [group, body] of [["g", "g1"], ["g", "g2"], ["g", "g3"], ["h", "h1"]]) {
      await stack.transport.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: body }));
    }
    const attempts: string[] = [];
    const done: string[] = [];
    let failFirst = true;
    const consumer = consume({
      queueUrl,
      retryDelaySeconds: () => 1,
      handler: async (m) => {
        attempts.push(`${m.body}#${m.receiveCount}`);
        if (m.body === "g1" && failFirst) {
          failFirst = false;
          throw new Error("transient");
        }
        done.push(m.body);
      },
    });
    await waitFor(async () => done.length === 4, { what: "all four handled" });
    expect(done.filter((b) => b.startsWith("g"))).toEqual(["g1", "g2", "g3"]);
    expect(attempts.filter((a) => a.startsWith("g"))).toEqual(["g1#1", "g1#2", "g2#1", "g3#1"]);
    expect(consumer.status()).toMatchObject({ processed: 4, failed: 1 });
    await waitFor(async () => (await queueCounts(queueUrl)) === 0, { what: "queue empty" });
  });

  it("keeps a slow message hidden from a second consumer by extending its visibility", async () => {
    const queueUrl = stack.config.NOTIFICATIONS_QUEUE_URL;
    await stack.transport.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "slow" }));
    const handled: string[] = [];
    const handler = async (m: { body: string; receiveCount: number }) => {
      handled.push(`${m.body}#${m.receiveCount}`);
      await sleep(3500);
    };
    consume({ queueUrl, handler, visibilityTimeoutSeconds: 2 });
    consume({ queueUrl, handler, visibilityTimeoutSeconds: 2 });
    await waitFor(async () => handled.length === 1, { what: "first delivery" });
    await waitFor(async () => consumers.some((c) => c.status().processed === 1), { timeoutMs: 8000, what: "slow handler done" });
    await sleep(500);
    expect(handled).toEqual(["slow#1"]);
    expect(await queueCounts(queueUrl)).toBe(0);
  });

  it("stops a 20 s long poll at once", async () => {
    const consumer = consume({ queueUrl: stack.config.NOTIFICATIONS_DLQ_URL!, handler: async () => {}, waitTimeSeconds: 20 });
    await sleep(300);
    const t0 = Date.now();
    expect(await consumer.stop({ timeoutMs: 10_000 })).toEqual({ drained: true });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
