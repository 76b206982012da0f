import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import pg from "pg";
import { createSqsClient } from "../lib/queue/clients.ts";

// Baseline for the order API: a bare node:http server that does only what an order
// must cost at least — one INSERT into "Order" (ticket from brewline_next_ticket, one
// autocommit statement, no items or outbox row) and one SendMessage to the same FIFO
// queue — with the same pool size as the app (10). Prints BASELINE_READY when listening.

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const pool = new pg.Pool({ connectionString: env("DATABASE_URL"), max: 10 });
const sqs = createSqsClient({ region: process.env.AWS_REGION ?? "us-east-1", endpoint: env("AWS_ENDPOINT_URL") });
const queueUrl = env("ORDERS_QUEUE_URL");

const INSERT = `INSERT INTO "Order" ("id", "publicToken", "idempotencyKey", "businessDate", "ticketNumber", "customerName", "totalCents")
  VALUES ($1, $2, $3, current_date, brewline_next_ticket(current_date), $4, $5) RETURNING "ticketNumber"`;

async function placeOrder(raw: string): Promise<{ ticketNumber: number }> {
  const input = JSON.parse(raw) as { idempotencyKey: string; customerName: string };
  const id = randomUUID();
  const { rows } = await pool.query<{ ticketNumber: number }>(INSERT, [id, randomBytes(24).toString("base64url"), input.idempotencyKey, input.customerName, 450]);
  const ticketNumber = rows[0]!.ticketNumber;
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify({ type: "order.placed", orderId: id, ticketNumber }),
      MessageGroupId: id,
      MessageDeduplicationId: id,
    }),
  );
  return { ticketNumber };
}

const server = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => (body += chunk));
  req.on("end", () => {
    placeOrder(body).then(
      (out) => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify(out));
      },
      (error: Error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: error.message }));
      },
    );
  });
});
server.listen(Number(env("BASELINE_PORT")), "127.0.0.1", () => process.stdout.write("BASELINE_READY\n"));
process.on("SIGTERM", () => {
  server.close();
  sqs.destroy();
  void pool.end().finally(() => process.exit(0));
});
