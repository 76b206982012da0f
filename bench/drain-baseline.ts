import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import pg from "pg";
import { createSqsClient } from "../lib/queue/clients.ts";

// Baseline for the worker drain: a bare loop that receives 10 messages, runs one UPDATE
// for the whole batch (PLACED → QUEUED) and deletes the batch. No outbox bookkeeping,
// no per-message transaction, no schema validation. Runs until SIGTERM.

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const db = new pg.Client({ connectionString: env("DATABASE_URL") });
const sqs = createSqsClient({ region: process.env.AWS_REGION ?? "us-east-1", endpoint: env("AWS_ENDPOINT_URL") });
const queueUrl = env("ORDERS_QUEUE_URL");
let running = true;
process.on("SIGTERM", () => (running = false));

await db.connect();
process.stdout.write("DRAIN_BASELINE_READY\n");
while (running) {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }));
  const messages = out.Messages ?? [];
  if (messages.length === 0) continue;
  const ids = messages.map((m) => (JSON.parse(m.Body ?? "{}") as { orderId: string }).orderId);
  await db.query(`UPDATE "Order" SET status = 'QUEUED', "queuedAt" = clock_timestamp() WHERE id = ANY($1::uuid[]) AND status = 'PLACED'`, [ids]);
  await sqs.send(
    new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })) }),
  );
}
await db.end();
sqs.destroy();
process.exit(0);
