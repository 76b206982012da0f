import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { isAppError } from "../errors.ts";
import { sleep } from "../async/sleep.ts";
import { errorInfo, logger as defaultLogger } from "../log.ts";
import { defaultRetryDelaySeconds } from "./retry-delay.ts";

// A long-polling SQS consumer in the style of bbc/sqs-consumer, with the guarantees the
// worker relies on: a message is deleted only after its handler resolved (the handler
// commits to Postgres first), a failed message is retried with backoff and ends in the
// DLQ after the queue's maxReceiveCount, messages of one FIFO group run in order while
// groups run concurrently, and stop() never leaves a handler half way without a bound.

export type ReceivedMessage = {
  messageId: string;
  body: string;
  receiptHandle: string;
  /** 1 on the first delivery. */
  receiveCount: number;
  /** FIFO queues only. */
  groupId?: string;
};

export type MessageHandler = (message: ReceivedMessage) => Promise<void>;

export type ConsumerLog = {
  debug: (obj: object, msg: string) => void;
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
};

export type ConsumerOptions = {
  /** Shown in logs: "orders", "notifications". */
  name: string;
  sqs: Pick<SQSClient, "send">;
  queueUrl: string;
  handler: MessageHandler;
  /** Long-poll duration; 20 in production, ~1 in tests. */
  waitTimeSeconds?: number;
  batchSize?: number;
  /**
   * Received batches handled at once. Above 1 the next receive overlaps the handling
   * of the last batch, so the round trip to the queue is not dead time. FIFO order
   * still holds: SQS does not hand out a group's next message while one is in flight.
   */
  concurrentBatches?: number;
  /** Requested on every receive; the heartbeat extends it while handlers run. */
  visibilityTimeoutSeconds?: number;
  /** Seconds until a failed message is visible again. */
  retryDelaySeconds?: (message: ReceivedMessage, error: unknown) => number;
  receiveErrorBackoff?: { initialMs: number; maxMs: number };
  /** durationMs: the handler's run time (metrics). */
  onProcessed?: (message: ReceivedMessage, durationMs: number) => void;
  onFailed?: (message: ReceivedMessage, error: unknown, durationMs: number) => void;
  logger?: ConsumerLog;
};

type ConsumerStatus = {
  name: string;
  running: boolean;
  stopping: boolean;
  /** False while receives are failing (queue unreachable). */
  receiving: boolean;
  /** When the last receive started. */
  lastPollAt: Date | null;
  processed: number;
  failed: number;
};

export type Consumer = {
  start: () => void;
  /** Stops polling at once and waits up to timeoutMs for in-flight handlers. */
  stop: (options?: { timeoutMs?: number }) => Promise<{ drained: boolean }>;
  status: () => ConsumerStatus;
};

const toReceived = (m: Message): ReceivedMessage => ({
  messageId: m.MessageId ?? "",
  body: m.Body ?? "",
  receiptHandle: m.ReceiptHandle ?? "",
  receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1) || 1,
  groupId: m.Attributes?.MessageGroupId,
});

export function createConsumer(options: ConsumerOptions): Consumer {
  const { name, sqs, queueUrl, handler } = options;
  const waitTimeSeconds = options.waitTimeSeconds ?? 20;
  const batchSize = Math.min(options.batchSize ?? 10, 10);
  const concurrentBatches = Math.max(1, options.concurrentBatches ?? 1);
  const visibilityTimeout = options.visibilityTimeoutSeconds ?? 30;
  const retryDelay = options.retryDelaySeconds ?? defaultRetryDelaySeconds;
  const backoff = options.receiveErrorBackoff ?? { initialMs: 1000, maxMs: 30_000 };
  const log = options.logger ?? defaultLogger;

  let running = false;
  let stopping = false;
  let receiving = true;
  let lastPollAt: Date | null = null;
  let processed = 0;
  let failed = 0;
  let abort = new AbortController();
  let loopDone: Promise<void> = Promise.resolve();

  const changeVisibility = async (messages: ReceivedMessage[], seconds: number) => {
    if (messages.length === 0) return;
    try {
      if (messages.length === 1) {
        await sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: messages[0]!.receiptHandle, VisibilityTimeout: seconds }),
        );
      } else {
        await sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.receiptHandle, VisibilityTimeout: seconds })),
          }),
        );
      }
    } catch (error) {
      // The message then reappears after its current timeout instead: slower, not wrong.
      log.warn({ queue: name, count: messages.length, seconds, err: errorInfo(error) }, "could not change message visibility");
    }
  };

  // Deletes of one batch are coalesced into DeleteMessageBatch calls, so a batch of ten
  // fast messages costs one request instead of ten.
  const pendingDeletes: { message: ReceivedMessage; resolve: () => void }[] = [];
  let deleteTimer: NodeJS.Timeout | undefined;
  const flushDeletes = async () => {
    clearTimeout(deleteTimer);
    deleteTimer = undefined;
    const batch = pendingDeletes.splice(0, 10);
    if (batch.length === 0) return;
    try {
      const out = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((d, i) => ({ Id: String(i), ReceiptHandle: d.message.receiptHandle })),
        }),
      );
      for (const f of out.Failed ?? []) {
        log.warn({ queue: name, messageId: batch[Number(f.Id)]?.message.messageId, code: f.Code, reason: f.Message }, "delete failed; the message will be redelivered and handled idempotently");
      }
    } catch (error) {
      log.warn({ queue: name, count: batch.length, err: errorInfo(error) }, "delete failed; the messages will be redelivered and handled idempotently");
    } finally {
      for (const d of batch) d.resolve();
    }
  };
  const deleteMessage = (message: ReceivedMessage) =>
    new Promise<void>((resolve) => {
      pendingDeletes.push({ message, resolve });
      if (pendingDeletes.length >= 10) void flushDeletes();
      else deleteTimer ??= setTimeout(() => void flushDeletes(), 5);
    });

  /** Runs one message; true when it was handled (and deleted). */
  async function handle(message: ReceivedMessage): Promise<boolean> {
    const started = performance.now();
    try {
      await handler(message);
    } catch (error) {
      failed++;
      options.onFailed?.(message, error, performance.now() - started);
      const delay = retryDelay(message, error);
      const poison = isAppError(error) && error.code === "VALIDATION";
      log.warn(
        { queue: name, messageId: message.messageId, groupId: message.groupId, receiveCount: message.receiveCount, retryInSeconds: delay, err: errorInfo(error) },
        poison ? "poison message: cannot be handled, leaving it for the dead-letter queue" : "message handler failed; will retry",
      );
      await changeVisibility([message], delay);
      return false;
    }
    processed++;
    options.onProcessed?.(message, performance.now() - started);
    await deleteMessage(message);
    return true;
  }

  async function processBatch(messages: ReceivedMessage[]): Promise<void> {
    const unsettled = new Set(messages);
    // Messages waiting behind a slow one of their group must stay hidden too, or
    // another worker would get them while this one still holds them.
    const heartbeat = setInterval(() => {
      log.debug({ queue: name, count: unsettled.size }, "extending visibility of slow messages");
      void changeVisibility([...unsettled], visibilityTimeout);
    }, (visibilityTimeout * 1000) / 2);
    const groups = new Map<string, ReceivedMessage[]>();
    for (const m of messages) {
      const key = m.groupId ?? `message:${m.messageId}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    try {
      await Promise.all(
        [...groups.values()].map(async (group) => {
          for (const [i, message] of group.entries()) {
            const ok = await handle(message);
            unsettled.delete(message);
            if (!ok && message.groupId) {
              // Later messages of a failed FIFO group must not overtake it; SQS keeps
              // the group blocked until the failed one is handled or dead-lettered.
              const rest = group.slice(i + 1);
              for (const r of rest) unsettled.delete(r);
              await changeVisibility(rest, 0);
              return;
            }
          }
        }),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function loop(signal: AbortSignal): Promise<void> {
    let delayMs = 0;
    const inFlight = new Set<Promise<void>>();
    while (!stopping) {
      if (inFlight.size >= concurrentBatches) {
        await Promise.race(inFlight);
        continue;
      }
      let messages: Message[];
      lastPollAt = new Date();
      try {
        const out = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: waitTimeSeconds,
            VisibilityTimeout: visibilityTimeout,
            MessageSystemAttributeNames: ["ApproximateReceiveCount", "MessageGroupId"],
          }),
          // A half-open connection must not hang the loop: a poll that outlives its wait
          // by 10 s is abandoned like any other failed receive.
          { abortSignal: AbortSignal.any([signal, AbortSignal.timeout((waitTimeSeconds + 10) * 1000)]) },
        );
        messages = out.Messages ?? [];
        if (!receiving) log.info({ queue: name }, "receiving again");
        receiving = true;
        delayMs = 0;
      } catch (error) {
        if (stopping) break;
        if (receiving) log.warn({ queue: name, err: errorInfo(error) }, "cannot receive from queue; retrying with backoff");
        receiving = false;
        delayMs = delayMs === 0 ? backoff.initialMs : Math.min(delayMs * 2, backoff.maxMs);
        await sleep(delayMs, signal);
        continue;
      }
      if (messages.length === 0) continue;
      const batch = processBatch(messages.map(toReceived))
        .catch((error: unknown) => log.warn({ queue: name, err: errorInfo(error) }, "batch ended unexpectedly; its messages will be redelivered"))
        .finally(() => inFlight.delete(batch));
      inFlight.add(batch);
    }
    // Stopping: the batches already received finish (bounded by stop's timeout).
    await Promise.all(inFlight);
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = false;
      abort = new AbortController();
      loopDone = loop(abort.signal)
        .catch((error) => log.warn({ queue: name, err: errorInfo(error) }, "consumer loop ended unexpectedly"))
        .finally(() => {
          running = false;
        });
    },
    async stop({ timeoutMs = 10_000 } = {}) {
      if (!running) return { drained: true };
      stopping = true;
      abort.abort();
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        loopDone.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (!drained) log.warn({ queue: name, timeoutMs }, "stopped with handlers still running; their messages will be redelivered");
      return { drained };
    },
    status: () => ({ name, running, stopping, receiving, lastPollAt, processed, failed }),
  };
}
