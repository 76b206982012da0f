import { PublishCommand } from "@aws-sdk/client-sns";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { setupChaosStack } from "./chaos-stack.ts";
import { sleep, waitFor } from "../support/worker-harness.ts";
import { assertInvariants, type AcceptedOrder } from "./invariants.ts";
import { customerInput, placeUntilAccepted, startWorkerChild, stopWorkerChild, waitForStatus } from "./worker-children.ts";
import { testBarista } from "../support/kitchen-actor.ts";

// Double submits and duplicate deliveries all at once, end to end with two worker
// processes, checked with the shared invariants (the single-cause versions live in
// tests/integration/place-order, request-ready and worker-idempotency).

const chaos = setupChaosStack({ mail: true });

describe("double submits and duplicate deliveries", () => {
  it("triple-submitted orders, re-sent order.placed, double-clicked ready and re-published order.ready: one of everything", async () => {
    const workers = await Promise.all([startWorkerChild(chaos.stack, { SMTP_URL: chaos.sink.smtpUrl }), startWorkerChild(chaos.stack, { SMTP_URL: chaos.sink.smtpUrl })]);
    const inputs = Array.from({ length: 10 }, () => customerInput());
    // Each customer's browser submits the same order three times at once.
    const submits = await Promise.all(inputs.flatMap((input) => [0, 1, 2].map(() => placeUntilAccepted(chaos.stack, input))));
    const accepted: AcceptedOrder[] = inputs.map((input) => submits.find((s) => s.idempotencyKey === input.idempotencyKey)!);
    for (const s of submits) expect(s.orderId).toBe(accepted.find((a) => a.idempotencyKey === s.idempotencyKey)!.orderId);
    const ids = accepted.map((a) => a.orderId);

    // The queue delivers every order.placed again (a new deduplication id, so it cannot drop it).
    const placedRows = await chaos.stack.prisma.outboxMessage.findMany({ where: { orderId: { in: ids }, type: "order.placed" } });
    for (const row of placedRows) {
      await chaos.stack.transport.sqs.send(
        new SendMessageCommand({
          QueueUrl: chaos.stack.config.ORDERS_QUEUE_URL,
          MessageBody: JSON.stringify(row.body),
          MessageGroupId: row.orderId,
          MessageDeduplicationId: `${row.id}:again`,
        }),
      );
    }
    await waitForStatus(chaos.stack, ids, "QUEUED");

    // Baristas double-click Ready.
    await Promise.all(ids.flatMap((orderId) => [0, 1].map(() => requestReady({ prisma: chaos.stack.prisma, actor: testBarista, transport: chaos.stack.transport, orderId }))));
    await waitForStatus(chaos.stack, ids, "READY");
    // SNS delivers every order.ready twice more.
    const readyRows = await waitFor(async () => {
      const rows = await chaos.stack.prisma.outboxMessage.findMany({ where: { orderId: { in: ids }, type: "order.ready" } });
      return rows.length === ids.length && rows;
    }, { what: "order.ready events" });
    for (const row of readyRows) {
      for (let i = 0; i < 2; i++) {
        await chaos.stack.transport.sns.send(
          new PublishCommand({
            TopicArn: chaos.stack.config.ORDER_EVENTS_TOPIC_ARN,
            Message: JSON.stringify(row.body),
            MessageAttributes: { eventType: { DataType: "String", StringValue: "order.ready" } },
          }),
        );
      }
    }
    await waitFor(
      async () => (await chaos.stack.prisma.notification.count({ where: { orderId: { in: ids }, status: "SENT" } })) === ids.length * 2,
      { timeoutMs: 30_000, what: "an SMS and an email for every order" },
    );
    await sleep(3000); // let the duplicates be handled (a claim race is retried after 2 s)
    for (const w of workers) expect(await stopWorkerChild(w)).toEqual({ code: 0, signal: null });
    expect(await chaos.stack.prisma.outboxMessage.count({ where: { orderId: { in: ids }, type: "order.ready_requested" } })).toBe(ids.length);
    await assertInvariants({ prisma: chaos.stack.prisma, sink: chaos.sink, accepted, final: { status: "READY", sms: "SENT", email: "SENT" } });
  });
});
