import { describe, expect, it } from "vitest";
import { pushServiceForThisFile } from "../../tests/support/push-service-hooks.ts";
import { TEST_VAPID_KEYS } from "../../tests/support/test-stack.ts";
import { createPushSender, createWebPushSender, PushSubscriptionGoneError, type PushMessage, type StoredPushSubscription } from "./push-sender.ts";

// The Web Push sender against a local push service that checks VAPID and decrypts each
// push with the subscription's keys (tests/support/push-service-stand-in.ts).

const vapid = { ...TEST_VAPID_KEYS, subject: "mailto:tests@brewline.local" };
const { agent, service: pushService } = pushServiceForThisFile();

const sender = (allowedHosts = ["127.0.0.1"]) => createWebPushSender({ vapid, allowedHosts, agent, timeoutMs: 5000 });
const message: PushMessage = { title: "Your order is ready · #7", body: "Ada, your Brewline order #7 is ready for pickup.", url: "/orders/abc", tag: "o-1:order.ready" };

function subscribe(): StoredPushSubscription {
  const { subscription } = pushService().newSubscription();
  return { endpoint: subscription.endpoint, ...subscription.keys };
}

describe("createWebPushSender", () => {
  it("delivers the message as encrypted JSON, signed with the shop's VAPID key, and returns the push service's Location", async () => {
    const subscription = subscribe();
    const { providerId } = await sender().send({ subscription, message });
    const [push] = pushService().received(subscription.endpoint);
    expect(push).toMatchObject({ json: message, ttl: 3600, urgency: "high", location: providerId });
    expect(push!.claims).toMatchObject({ aud: pushService().url, sub: vapid.subject });
    expect(pushService().rejections()).toEqual([]);
  });

  it.each([404, 410])("turns %i into PushSubscriptionGoneError (never worth retrying)", async (status) => {
    const subscription = subscribe();
    pushService().respondWith(subscription.endpoint, status);
    const error = await sender().send({ subscription, message }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushSubscriptionGoneError);
    expect(error).toMatchObject({ statusCode: status, message: `push subscription is gone (the push service answered ${status})` });
  });

  it("reports another failure with the status and what the push service said, to be retried", async () => {
    const subscription = subscribe();
    pushService().respondWith(subscription.endpoint, 500, 1);
    const error = await sender().send({ subscription, message }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PushSubscriptionGoneError);
    expect(error).toMatchObject({ message: "push service answered 500: told to answer 500" });
    await expect(sender().send({ subscription, message })).resolves.toMatchObject({ providerId: expect.stringContaining("/message/") });
  });

  it("refuses an endpoint off the allowed push services without making a request", async () => {
    const subscription = subscribe();
    await expect(sender(["fcm.googleapis.com"]).send({ subscription, message })).rejects.toThrow("push endpoint is not on an allowed push service");
    expect(pushService().attempts(subscription.endpoint)).toEqual([]);
  });
});

describe("createPushSender", () => {
  const config = { VAPID_SUBJECT: vapid.subject, PUSH_ENDPOINT_HOSTS: ["127.0.0.1"] };
  it("is off without VAPID keys and on with them", () => {
    expect(createPushSender(config)).toBeNull();
    expect(createPushSender({ ...config, VAPID_PUBLIC_KEY: TEST_VAPID_KEYS.publicKey })).toBeNull();
    expect(createPushSender({ ...config, VAPID_PUBLIC_KEY: TEST_VAPID_KEYS.publicKey, VAPID_PRIVATE_KEY: TEST_VAPID_KEYS.privateKey })).toMatchObject({ send: expect.any(Function) });
  });
});
