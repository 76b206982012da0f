import { expect } from "vitest";
import type { PrismaClient } from "../../lib/db/prisma.ts";
import type { OrderStatus } from "../../lib/generated/prisma/enums.ts";
import type { MailSink } from "../support/mail-sink.ts";

// The one check every chaos scenario ends with: whatever was killed, stopped or raced,
// the shop's promises to its customers still hold.

/** An order the shop said yes to (placeOrder resolved), with what the customer gave. */
export type AcceptedOrder = { orderId: string; idempotencyKey: string; ticketNumber: number; phone?: string; email?: string };

export type FinalState = {
  status: OrderStatus;
  /** READY orders: the SMS must have gone out exactly once (the order has a phone). */
  sms?: "SENT";
  /** READY orders: SENT = exactly one email; FAILED = none, given up after the retries. */
  email?: "SENT" | "FAILED";
};

export async function assertInvariants(options: {
  prisma: PrismaClient;
  sink?: MailSink;
  accepted: AcceptedOrder[];
  final: FinalState;
}): Promise<void> {
  const { prisma, accepted, final } = options;
  const ids = accepted.map((a) => a.orderId);
  expect(new Set(ids).size, "placeOrder returned one order per accepted request").toBe(accepted.length);

  // Every accepted order exists exactly once, under its own idempotency key.
  const orders = await prisma.order.findMany({
    where: { idempotencyKey: { in: accepted.map((a) => a.idempotencyKey) } },
    select: { id: true, idempotencyKey: true, status: true, ticketNumber: true, businessDate: true },
  });
  expect(orders.length, "one order row per accepted order").toBe(accepted.length);
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const a of accepted) {
    const o = byId.get(a.orderId);
    expect(o, `order ${a.orderId} exists`).toBeDefined();
    expect(o!.idempotencyKey).toBe(a.idempotencyKey);
    expect(o!.ticketNumber, `order ${a.orderId} keeps the ticket it was given`).toBe(a.ticketNumber);
  }

  // The right final state, for all of them.
  const wrong = orders.filter((o) => o.status !== final.status).map((o) => `${o.id}=${o.status}`);
  expect(wrong, `orders not ${final.status}`).toEqual([]);

  // One ticket number per order, unique per business day (over the whole table).
  const clashes = await prisma.$queryRaw<{ businessDate: Date; ticketNumber: number; n: bigint }[]>`
    SELECT "businessDate", "ticketNumber", count(*) AS n FROM "Order"
    GROUP BY "businessDate", "ticketNumber" HAVING count(*) > 1`;
  expect(clashes, "ticket numbers unique per business day").toEqual([]);

  // Nothing left for the reconciler: every outbox row of these orders was acted on.
  const open = await prisma.outboxMessage.findMany({
    where: { orderId: { in: ids }, OR: [{ processedAt: null }, { abandonedAt: { not: null } }] },
    select: { id: true, orderId: true, type: true, sendCount: true, abandonedAt: true },
  });
  expect(open, "outbox rows not processed (or abandoned)").toEqual([]);

  // At most one "ready" message per order and channel, exactly one where expected.
  const notifications = await prisma.notification.findMany({
    where: { orderId: { in: ids } },
    select: { orderId: true, event: true, channel: true, status: true },
  });
  const perKey = new Map<string, number>();
  for (const n of notifications) perKey.set(`${n.orderId}:${n.event}:${n.channel}`, (perKey.get(`${n.orderId}:${n.event}:${n.channel}`) ?? 0) + 1);
  expect([...perKey].filter(([, n]) => n > 1), "Notification rows per order, event and channel").toEqual([]);

  const phones = accepted.flatMap((a) => (a.phone ? [a.phone] : []));
  const smsCounts = await prisma.devSmsMessage.groupBy({ by: ["to"], where: { to: { in: phones } }, _count: { _all: true } });
  const smsPer = new Map(smsCounts.map((r) => [r.to, r._count._all]));
  expect(smsCounts.filter((r) => r._count._all > 1).map((r) => r.to), "phones texted more than once").toEqual([]);

  const emails = options.sink ? await options.sink.emails() : [];
  const emailPer = new Map<string, number>();
  for (const e of emails) for (const to of e.to) emailPer.set(to, (emailPer.get(to) ?? 0) + 1);
  const emailed = accepted.flatMap((a) => (a.email && (emailPer.get(a.email) ?? 0) > 1 ? [a.email] : []));
  expect(emailed, "addresses emailed more than once").toEqual([]);

  const ready = (orderId: string, channel: "SMS" | "EMAIL") =>
    notifications.find((n) => n.orderId === orderId && n.event === "order.ready" && n.channel === channel);
  for (const a of accepted) {
    if (final.sms === "SENT" && a.phone) {
      expect(smsPer.get(a.phone) ?? 0, `one SMS to ${a.phone}`).toBe(1);
      expect(ready(a.orderId, "SMS")?.status, `SMS notification of ${a.orderId}`).toBe("SENT");
    } else if (a.phone) {
      expect(smsPer.get(a.phone) ?? 0, `no SMS to ${a.phone} before the order is ready`).toBe(0);
    }
    if (final.email && a.email) {
      expect(ready(a.orderId, "EMAIL")?.status, `email notification of ${a.orderId}`).toBe(final.email);
      if (options.sink) expect(emailPer.get(a.email) ?? 0, `emails to ${a.email}`).toBe(final.email === "SENT" ? 1 : 0);
    } else if (a.email && options.sink) {
      expect(emailPer.get(a.email) ?? 0, `no email to ${a.email} before the order is ready`).toBe(0);
    }
  }
}
