import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { expect, type APIRequestContext } from "@playwright/test";
import { query } from "./support/db.ts";
import { newDeviceId } from "./support/shop.ts";
import { E2E_PORTS } from "./stack-env.ts";

// Pieces the manager-dashboard specs share: the e2e shop's queue emulator, orders placed
// through the API with contact details, and the ghost order behind the poison message.

const sqs = new SQSClient({
  region: "us-east-1",
  endpoint: `http://127.0.0.1:${E2E_PORTS.queue}`,
  credentials: { accessKeyId: "brewline", secretAccessKey: "brewline" },
});

/**
 * An order.placed for an order that is not in the database (as after restoring the
 * database from a backup older than the queue): the worker fails on it every time.
 */
export async function sendGhostOrderPlaced(orderId: string, ticketNumber: number): Promise<string> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "brewline-orders.fifo" }));
  const body = { type: "order.placed", outboxId: crypto.randomUUID(), orderId, ticketNumber, customerName: "Ghost", items: [], placedAt: new Date().toISOString() };
  const out = await sqs.send(
    new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(body), MessageGroupId: orderId, MessageDeduplicationId: crypto.randomUUID() }),
  );
  return out.MessageId!;
}

/** The fix: the missing order is restored, still PLACED. */
export async function restoreGhostOrder(orderId: string, ticketNumber: number): Promise<void> {
  await query(
    `INSERT INTO "Order" (id, "publicToken", "idempotencyKey", "businessDate", "ticketNumber", "customerName", "totalCents")
     VALUES ($1, $2, $2, (now() AT TIME ZONE 'UTC')::date, $3, 'Ghost', 450)`,
    [orderId, `ghost-${orderId}`, ticketNumber],
  );
}

export async function placeOrderWithContact(request: APIRequestContext, customerName: string, contact: { email?: string; phone?: string }) {
  const response = await request.post("/api/orders", {
    data: {
      idempotencyKey: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
      customerName,
      deviceId: newDeviceId(),
      items: [{ menuItemId: "latte", quantity: 1, modifierIds: ["milk-oat"] }],
      ...contact,
      notifyConsent: true,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const [row] = await query<{ id: string; ticketNumber: number }>(`SELECT id, "ticketNumber" FROM "Order" WHERE "customerName" = $1`, [customerName]);
  return row!;
}

export async function orderStatus(orderId: string): Promise<string | undefined> {
  const [row] = await query<{ status: string }>(`SELECT status::text AS status FROM "Order" WHERE id = $1`, [orderId]);
  return row?.status;
}

const DRINKS: { menuItemId: string; modifierIds?: string[] }[] = [
  { menuItemId: "latte", modifierIds: ["milk-oat"] },
  { menuItemId: "latte", modifierIds: ["size-large", "syrup-vanilla"] },
  { menuItemId: "cappuccino" },
  { menuItemId: "flat-white", modifierIds: ["shot-decaf"] },
  { menuItemId: "americano" },
  { menuItemId: "tea" },
  { menuItemId: "mocha", modifierIds: ["milk-oat"] },
  { menuItemId: "iced-latte", modifierIds: ["milk-soy"] },
  { menuItemId: "cold-brew" },
  { menuItemId: "chai-latte", modifierIds: ["milk-oat"] },
  { menuItemId: "espresso" },
];
const REASONS = ["Out of oat milk", "Customer left", "Out of oat milk"];

/**
 * A busy hour for the dashboard screenshot: `count` real orders through the API, then
 * their times spread over the last hour (SQL, as the worker and baristas would have left
 * them): most ready after a few minutes' wait, a few cancelled, the newest still open.
 */
export async function seedBusyHour(request: APIRequestContext, count = 60): Promise<void> {
  const placed: string[] = [];
  for (let i = 0; i < count; i++) {
    const drink = DRINKS[(i * 7) % DRINKS.length]!;
    const items = [{ menuItemId: drink.menuItemId, quantity: 1 + (i % 5 === 0 ? 1 : 0), modifierIds: drink.modifierIds ?? [] }];
    if (i % 4 === 0) items.push({ menuItemId: DRINKS[(i * 3) % DRINKS.length]!.menuItemId, quantity: 1, modifierIds: [] });
    const response = await request.post("/api/orders", {
      data: { idempotencyKey: `busy-${Date.now()}-${i}-${Math.random().toString(36).slice(2, 8)}`, customerName: `Guest ${i + 1}`, deviceId: newDeviceId(), items },
    });
    expect(response.status(), await response.text()).toBe(201);
    placed.push(((await response.json()) as { statusUrl: string }).statusUrl.split("/").pop()!);
  }
  const rows = await query<{ id: string; publicToken: string }>(`SELECT id, "publicToken" FROM "Order" WHERE "publicToken" = ANY($1)`, [placed]);
  const ids = placed.map((token) => rows.find((r) => r.publicToken === token)!.id);
  // The worker queues them first, so it cannot overwrite the times set below.
  await expect
    .poll(async () => (await query(`SELECT 1 FROM "Order" WHERE id = ANY($1::uuid[]) AND status = 'PLACED'`, [ids])).length, { timeout: 30_000 })
    .toBe(0);
  // A rush curve: more orders in the middle of the hour; a deterministic jitter per order.
  const ago = ids.map((_, i) => Math.round(3600 * (1 - Math.sqrt((i + 0.5) / count) * 0.98) + ((i * 37) % 50)));
  const status = ids.map((_, i) => (i % 19 === 7 ? "CANCELLED" : i >= count - 4 ? "QUEUED" : i >= count - 8 ? "IN_PROGRESS" : "READY"));
  const queueWait = ids.map((_, i) => 40 + ((i * 53) % 200));
  const prep = ids.map((_, i) => 90 + ((i * 71) % 180));
  const reason = ids.map((_, i) => REASONS[i % REASONS.length]!);
  await query(
    `UPDATE "Order" o SET
       "createdAt" = now() - make_interval(secs => t.ago),
       "queuedAt" = now() - make_interval(secs => t.ago - 1),
       status = t.status::"OrderStatus",
       "startedAt" = CASE WHEN t.status IN ('READY', 'IN_PROGRESS') THEN now() - make_interval(secs => greatest(t.ago - t.wait, 5)) END,
       "readyAt" = CASE WHEN t.status = 'READY' THEN now() - make_interval(secs => greatest(t.ago - t.wait - t.prep, 1)) END,
       "claimedBy" = CASE WHEN t.status IN ('READY', 'IN_PROGRESS') THEN 'Sam' END,
       "cancelledAt" = CASE WHEN t.status = 'CANCELLED' THEN now() - make_interval(secs => t.ago - 60) END,
       "cancelReason" = CASE WHEN t.status = 'CANCELLED' THEN t.reason END
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::int[], $5::int[], $6::text[]) AS t(id, ago, status, wait, prep, reason)
     WHERE o.id = t.id`,
    [ids, ago, status, queueWait, prep, reason],
  );
}
