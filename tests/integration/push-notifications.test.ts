import { PublishCommand } from "@aws-sdk/client-sns";
import type { Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelTicket } from "../../lib/kitchen/cancel-ticket.ts";
import { requestReady } from "../../lib/kitchen/request-ready.ts";
import { seedMenu } from "../../lib/menu/seed-menu.ts";
import type { EmailSender } from "../../lib/notifications/email-sender.ts";
import { createWebPushSender } from "../../lib/notifications/push-sender.ts";
import type { Worker } from "../../worker/start-worker.ts";
import { testBarista } from "../support/kitchen-actor.ts";
import { pushServiceAgent, startPushServiceStandIn, type PushServiceStandIn } from "../support/push-service-stand-in.ts";
import { startTestStack, TEST_VAPID_KEYS, type TestStack } from "../support/test-stack.ts";
import { placeTestOrder, sleep, startTestWorker, stopTestWorker, waitFor } from "../support/worker-harness.ts";

// Web Push end to end: an order whose only channel is this phone's push subscription, made
// ready or cancelled through the real worker, SNS topic and notifications queue, reaches a
// local push service that checks the VAPID JWT and decrypts the push with the subscription's
// private keys; what the phone would show is asserted from the decrypted bytes.

let stack: TestStack;
let service: PushServiceStandIn;
let agent: Agent;
let worker: Worker | undefined;
const emails: unknown[] = [];
const recordingEmail: EmailSender = {
  send: (email) => {
    emails.push(email);
    return Promise.resolve({ providerId: "recorded" });
  },
  close: () => {},
};

beforeAll(async () => {
  stack = await startTestStack({ seed: (prisma) => seedMenu({ prisma }) });
  service = await startPushServiceStandIn({ vapidPublicKey: TEST_VAPID_KEYS.publicKey });
  agent = pushServiceAgent();
  worker = await startTestWorker(stack, {
    pushSender: createWebPushSender({ vapid: { ...TEST_VAPID_KEYS, subject: stack.config.VAPID_SUBJECT }, allowedHosts: stack.config.PUSH_ENDPOINT_HOSTS, agent }),
    emailSender: recordingEmail,
    // A failed push comes back in a second rather than the production backoff.
    retryDelaySeconds: () => 1,
  });
});
afterAll(async () => {
  await stopTestWorker(worker);
  agent?.destroy();
  await service?.close();
  await stack?.stop();
});

/** An order with no phone and no email whose browser subscribed to push, queued by the worker. */
async function pushOnlyOrder(customerName: string) {
  const placed = await placeTestOrder(stack, { customerName });
  const { subscription } = service.newSubscription();
  await stack.prisma.pushSubscription.create({ data: { orderId: placed.orderId, endpoint: subscription.endpoint, ...subscription.keys } });
  await waitFor(async () => (await stack.prisma.order.findUniqueOrThrow({ where: { id: placed.orderId } })).status === "QUEUED", { what: "order queued" });
  return { ...placed, endpoint: subscription.endpoint };
}

const makeReady = (orderId: string) => requestReady({ prisma: stack.prisma, actor: testBarista, transport: stack.transport, orderId });
const notifications = (orderId: string) =>
  stack.prisma.notification.findMany({ where: { orderId }, select: { event: true, channel: true, status: true, recipient: true, attempts: true, lastError: true, providerId: true } });
const waitForPushes = (endpoint: string, count: number) =>
  waitFor(() => Promise.resolve(service.received(endpoint).length >= count && service.received(endpoint)), { what: `${count} push(es) received` });

/** Checks no push was malformed, nor any text or email sent, by this file's orders (push only). */
async function expectOnlyWellFormedPushes() {
  expect(service.rejections()).toEqual([]);
  expect(await stack.prisma.devSmsMessage.count()).toBe(0);
  expect(emails).toEqual([]);
}

describe("Web Push notifications", () => {
  it("sends an order with push only exactly one push when it is ready, and no text or email, however often the event arrives", async () => {
    const order = await pushOnlyOrder("Ada");
    await makeReady(order.orderId);
    const [push] = await waitForPushes(order.endpoint, 1);
    expect(push!.json).toEqual({
      title: `Your coffee is ready · #${order.ticketNumber}`,
      body: `Ada, your ${stack.config.STORE_NAME} order #${order.ticketNumber} is ready for pickup.`,
      url: `/orders/${order.publicToken}`,
      tag: `${order.orderId}:order.ready`,
    });
    expect(push!.claims.sub).toBe("mailto:tests@brewline.local");
    await waitFor(async () => (await notifications(order.orderId))[0]?.status === "SENT", { what: "notification SENT" });
    expect(await notifications(order.orderId)).toEqual([
      { event: "order.ready", channel: "PUSH", status: "SENT", recipient: order.endpoint, attempts: 1, lastError: null, providerId: push!.location },
    ]);

    // SNS delivers the same event again, twice: the claim sends nothing more.
    const event = await stack.prisma.outboxMessage.findFirstOrThrow({ where: { orderId: order.orderId, destination: "EVENTS_TOPIC", type: "order.ready" } });
    const handled = worker!.health().processed;
    for (let i = 0; i < 2; i++) {
      await stack.transport.sns.send(
        new PublishCommand({
          TopicArn: stack.config.ORDER_EVENTS_TOPIC_ARN,
          Message: JSON.stringify(event.body),
          MessageAttributes: { eventType: { DataType: "String", StringValue: "order.ready" } },
        }),
      );
    }
    await waitFor(() => Promise.resolve(worker!.health().processed >= handled + 2), { what: "redeliveries handled" });
    expect(service.attempts(order.endpoint)).toHaveLength(1);
    expect(await notifications(order.orderId)).toHaveLength(1);
    await expectOnlyWellFormedPushes();
  });

  it("sends one push when the kitchen cancels the order", async () => {
    const order = await pushOnlyOrder("Bea");
    await cancelTicket({ prisma: stack.prisma, transport: stack.transport, actor: testBarista, orderId: order.orderId, reason: "Out of oat milk" });
    const [push] = await waitForPushes(order.endpoint, 1);
    expect(push!.json).toEqual({
      title: `Your order was cancelled · #${order.ticketNumber}`,
      body: `Sorry Bea, your ${stack.config.STORE_NAME} order #${order.ticketNumber} was cancelled: Out of oat milk. Please see the barista.`,
      url: `/orders/${order.publicToken}`,
      tag: `${order.orderId}:order.cancelled`,
    });
    await waitFor(async () => (await notifications(order.orderId))[0]?.status === "SENT", { what: "notification SENT" });
    expect((await notifications(order.orderId)).map((n) => [n.event, n.channel, n.status])).toEqual([["order.cancelled", "PUSH", "SENT"]]);
    await expectOnlyWellFormedPushes();
  });

  it("deletes the subscription when the push service says it is gone (410), records the failure and does not retry", async () => {
    const order = await pushOnlyOrder("Cy");
    service.respondWith(order.endpoint, 410);
    await makeReady(order.orderId);
    const [failed] = await waitFor(async () => {
      const rows = await notifications(order.orderId);
      return rows[0]?.status === "FAILED" && rows;
    }, { what: "notification FAILED" });
    expect(failed).toMatchObject({ channel: "PUSH", attempts: 1, lastError: "push subscription is gone (the push service answered 410)" });
    expect(await stack.prisma.pushSubscription.findUnique({ where: { orderId: order.orderId } })).toBeNull();
    // Longer than the retry delay: a retry would have come by now.
    await sleep(1500);
    expect(service.attempts(order.endpoint).map((a) => a.status)).toEqual([410]);
    expect(service.received(order.endpoint)).toEqual([]);
    await expectOnlyWellFormedPushes();
  });

  it("retries after the push service fails (500) and then sends the push once", async () => {
    const order = await pushOnlyOrder("Dev");
    service.respondWith(order.endpoint, 500, 1);
    await makeReady(order.orderId);
    await waitForPushes(order.endpoint, 1);
    await waitFor(async () => (await notifications(order.orderId))[0]?.status === "SENT", { what: "notification SENT" });
    expect(await notifications(order.orderId)).toEqual([expect.objectContaining({ channel: "PUSH", status: "SENT", attempts: 2, lastError: null })]);
    await sleep(1500);
    expect(service.attempts(order.endpoint).map((a) => a.status)).toEqual([500, 201]);
    await expectOnlyWellFormedPushes();
  });
});
