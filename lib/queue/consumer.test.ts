import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { createConsumer, type Consumer, type ConsumerLog, type ReceivedMessage } from "./consumer.ts";
import { defaultRetryDelaySeconds } from "./retry-delay.ts";

// Pure unit tests against a scripted SQS client; the same consumer runs against the
// real emulator in tests/integration/consumer.test.ts.

type Call = { command: string; input: Record<string, unknown> };

class FakeSqs {
  calls: Call[] = [];
  batches: (Message[] | Error)[] = [];
  send = async (command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown> => {
    const input = (command as { input: Record<string, unknown> }).input;
    this.calls.push({ command: command.constructor.name, input });
    if (command instanceof ReceiveMessageCommand) {
      const next = this.batches.shift();
      if (next instanceof Error) throw next;
      if (next) return { Messages: next };
      // Idle long poll: resolves only when aborted, like a real 20 s wait.
      return new Promise((_, reject) =>
        options?.abortSignal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))),
      );
    }
    return {};
  };
  of<T>(type: new (...args: never[]) => T) {
    return this.calls.filter((c) => c.command === type.name).map((c) => c.input);
  }
  deleted() {
    return this.of(DeleteMessageBatchCommand).flatMap((i) => (i.Entries as { ReceiptHandle: string }[]).map((e) => e.ReceiptHandle));
  }
}

const msg = (id: string, group?: string, receiveCount = 1): Message => ({
  MessageId: id,
  ReceiptHandle: `rh-${id}`,
  Body: JSON.stringify({ id }),
  Attributes: { ApproximateReceiveCount: String(receiveCount), ...(group ? { MessageGroupId: group } : {}) },
});

const silent: ConsumerLog = { debug: () => {}, info: () => {}, warn: () => {} };
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(check: () => boolean, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await delay(5);
  }
}

let consumer: Consumer | undefined;
afterEach(async () => {
  await consumer?.stop({ timeoutMs: 1000 });
  consumer = undefined;
});

function start(sqs: FakeSqs, handler: (m: ReceivedMessage) => Promise<void>, extra: Partial<Parameters<typeof createConsumer>[0]> = {}) {
  consumer = createConsumer({
    name: "test",
    sqs: sqs as unknown as SQSClient,
    queueUrl: "http://queue",
    handler,
    waitTimeSeconds: 1,
    logger: silent,
    ...extra,
  });
  consumer.start();
  return consumer;
}

describe("createConsumer", () => {
  it("requests the system attributes and deletes a message only after its handler resolved", async () => {
    const sqs = new FakeSqs();
    sqs.batches.push([msg("a")]);
    let release!: () => void;
    start(sqs, () => new Promise<void>((r) => (release = r)));
    await until(() => release !== undefined);
    await delay(30);
    expect(sqs.deleted()).toEqual([]);
    release();
    await until(() => sqs.deleted().length === 1);
    expect(sqs.deleted()).toEqual(["rh-a"]);
    expect(sqs.of(ReceiveMessageCommand)[0]).toMatchObject({
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ["ApproximateReceiveCount", "MessageGroupId"],
    });
    expect(consumer!.status()).toMatchObject({ processed: 1, failed: 0, receiving: true });
  });

  it("runs one group in receive order and different groups concurrently", async () => {
    const sqs = new FakeSqs();
    sqs.batches.push([msg("g1-a", "g1"), msg("g2-a", "g2"), msg("g1-b", "g1"), msg("g2-b", "g2")]);
    const events: string[] = [];
    let running = 0;
    let maxRunning = 0;
    start(sqs, async (m) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      events.push(`start ${m.messageId}`);
      await delay(m.messageId.endsWith("a") ? 40 : 5);
      events.push(`end ${m.messageId}`);
      running--;
    });
    await until(() => sqs.deleted().length === 4);
    for (const g of ["g1", "g2"]) {
      expect(events.indexOf(`end ${g}-a`)).toBeLessThan(events.indexOf(`start ${g}-b`));
    }
    expect(maxRunning).toBe(2);
  });

  it("on failure leaves the message with exponential backoff and skips the rest of its FIFO group", async () => {
    const sqs = new FakeSqs();
    sqs.batches.push([msg("g1-a", "g1", 3), msg("g1-b", "g1"), msg("g2-a", "g2")]);
    const handled: string[] = [];
    const failures: string[] = [];
    start(
      sqs,
      async (m) => {
        handled.push(m.messageId);
        if (m.messageId === "g1-a") throw new Error("database unavailable");
      },
      { onFailed: (m) => failures.push(m.messageId) },
    );
    await until(() => sqs.deleted().length === 1 && sqs.of(ChangeMessageVisibilityCommand).length === 2);
    expect(handled.sort()).toEqual(["g1-a", "g2-a"]);
    expect(sqs.deleted()).toEqual(["rh-g2-a"]);
    expect(failures).toEqual(["g1-a"]);
    expect(sqs.of(ChangeMessageVisibilityCommand)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ReceiptHandle: "rh-g1-a", VisibilityTimeout: 8 }),
        expect.objectContaining({ ReceiptHandle: "rh-g1-b", VisibilityTimeout: 0 }),
      ]),
    );
  });

  it("leaves a poison message for the DLQ without stopping the loop", async () => {
    const sqs = new FakeSqs();
    sqs.batches.push([{ ...msg("bad"), Body: "not json" }], [msg("good")]);
    const warnings: string[] = [];
    start(
      sqs,
      async (m) => {
        if (m.body === "not json") throw new AppError("VALIDATION", "body is not JSON");
      },
      { logger: { ...silent, warn: (_o, text) => warnings.push(text) } },
    );
    await until(() => sqs.deleted().includes("rh-good"));
    expect(sqs.deleted()).not.toContain("rh-bad");
    expect(sqs.of(ChangeMessageVisibilityCommand)).toEqual([expect.objectContaining({ ReceiptHandle: "rh-bad", VisibilityTimeout: 0 })]);
    expect(warnings.some((w) => w.includes("poison"))).toBe(true);
  });

  it("backs off on receive errors, doubling up to the cap, and warns once per streak", async () => {
    const sqs = new FakeSqs();
    sqs.batches.push(...Array.from({ length: 5 }, () => new Error("connect ECONNREFUSED")), [msg("after")]);
    const warnings: string[] = [];
    const infos: string[] = [];
    const started = Date.now();
    start(sqs, async () => {}, {
      receiveErrorBackoff: { initialMs: 10, maxMs: 40 },
      logger: { ...silent, warn: (_o, text) => warnings.push(text), info: (_o, text) => infos.push(text) },
    });
    await until(() => sqs.deleted().includes("rh-after"));
    // 10 + 20 + 40 + 40 + 40 ms of backoff before the sixth receive.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(warnings).toHaveLength(1);
    expect(infos).toContain("receiving again");
    expect(consumer!.status().receiving).toBe(true);
  });

  it("extends the visibility of the batch while a handler runs longer than half the timeout", async () => {
    const sqs = new FakeSqs();
    sqs.batches.push([msg("slow", "g"), msg("behind", "g")]);
    start(sqs, () => delay(1200), { visibilityTimeoutSeconds: 1 });
    await until(() => sqs.of(ChangeMessageVisibilityBatchCommand).length >= 2);
    const first = sqs.of(ChangeMessageVisibilityBatchCommand)[0]!.Entries as { ReceiptHandle: string; VisibilityTimeout: number }[];
    expect(first.map((e) => e.ReceiptHandle).sort()).toEqual(["rh-behind", "rh-slow"]);
    expect(first[0]!.VisibilityTimeout).toBe(1);
  });

  it("stop() aborts the long poll at once and waits for in-flight handlers up to the bound", async () => {
    const sqs = new FakeSqs();
    const idle = start(sqs, async () => {});
    await until(() => sqs.of(ReceiveMessageCommand).length === 1);
    const t0 = Date.now();
    expect(await idle.stop({ timeoutMs: 5000 })).toEqual({ drained: true });
    expect(Date.now() - t0).toBeLessThan(200);
    expect(idle.status().running).toBe(false);

    const busy = new FakeSqs();
    busy.batches.push([msg("long")]);
    let finished = false;
    const c = start(busy, async () => {
      await delay(150);
      finished = true;
    });
    await until(() => busy.of(ReceiveMessageCommand).length === 1);
    await delay(10);
    expect(await c.stop({ timeoutMs: 2000 })).toEqual({ drained: true });
    expect(finished).toBe(true);
    expect(busy.deleted()).toEqual(["rh-long"]);

    const stuck = new FakeSqs();
    stuck.batches.push([msg("stuck")]);
    const s = start(stuck, () => delay(1000));
    await until(() => stuck.of(ReceiveMessageCommand).length === 1);
    await delay(10);
    expect(await s.stop({ timeoutMs: 50 })).toEqual({ drained: false });
  });

  it("computes the default retry delay", () => {
    const m = (receiveCount: number) => ({ messageId: "x", body: "", receiptHandle: "", receiveCount });
    expect(defaultRetryDelaySeconds(m(1), new Error("x"))).toBe(2);
    expect(defaultRetryDelaySeconds(m(4), new Error("x"))).toBe(16);
    expect(defaultRetryDelaySeconds(m(20), new Error("x"))).toBe(300);
    expect(defaultRetryDelaySeconds(m(3), new AppError("VALIDATION", "bad body"))).toBe(0);
  });
});
