import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "../../app/api/dev/sms/inbound/route.ts";
import type { Config } from "../../lib/config.ts";
import { inboundSmsMessageSchema } from "../../lib/notifications/inbound-sms.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffHeaders } from "../support/staff-session.ts";

// The dev SMS form's route, the phone carrier's stand-in: a manager's made-up text goes to
// the inbound SMS topic in AWS's shape (and from there to the notifications queue). No
// worker runs here: the message is read off the queue to see what the worker would get.

let overrides: Partial<Config> = {};
vi.mock("../../lib/config.ts", async (original) => {
  const actual = await original<typeof import("../../lib/config.ts")>();
  return { ...actual, getConfig: () => ({ ...actual.parseConfig(process.env), ...overrides }) };
});
afterEach(() => {
  overrides = {};
});

const ctx = setupRouteTestStack();
// One sign-in per role: each takes a password hash.
const signedIn = new Map<string, Promise<Record<string, string>>>();
const as = (role: "manager" | "barista" | null) => {
  if (!role) return Promise.resolve({ "content-type": "application/json" });
  if (!signedIn.has(role)) signedIn.set(role, staffHeaders(ctx.stack.prisma, role));
  return signedIn.get(role)!;
};
const send = async (role: "manager" | "barista" | null, body: unknown) =>
  POST(new Request("http://localhost:3000/api/dev/sms/inbound", { method: "POST", headers: await as(role), body: JSON.stringify(body) }), undefined);
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

async function queued(): Promise<unknown[]> {
  const out = await ctx.stack.transport.sqs.send(new ReceiveMessageCommand({ QueueUrl: ctx.stack.config.NOTIFICATIONS_QUEUE_URL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  return (out.Messages ?? []).map((m) => JSON.parse(m.Body!) as unknown);
}

describe("POST /api/dev/sms/inbound", () => {
  it("refuses strangers (401) and baristas (403)", async () => {
    expect((await send(null, { from: "(415) 555-2671", message: "STOP" })).status).toBe(401);
    expect((await send("barista", { from: "(415) 555-2671", message: "STOP" })).status).toBe(403);
  });

  it("does not exist unless texts go to the dev inbox and the inbound topic is set", async () => {
    overrides = { SMS_MODE: "sns" };
    expect((await send("manager", { from: "(415) 555-2671", message: "STOP" })).status).toBe(404);
    overrides = { INBOUND_SMS_TOPIC_ARN: undefined };
    expect((await send("manager", { from: "(415) 555-2671", message: "STOP" })).status).toBe(404);
  });

  it("reads the number as the order form does, and says what is wrong", async () => {
    const notANumber = await send("manager", { from: "12", message: "STOP" });
    expect(notANumber.status).toBe(400);
    expect((await errorOf(notANumber)).message).toMatch(/^from: that phone number is not valid/);
    expect((await errorOf(await send("manager", { message: "STOP" }))).message).toBe("from: please give the phone number the text comes from");
    expect((await errorOf(await send("manager", { from: "(415) 555-2671", message: "   " }))).message).toBe("message: please write the text to send");
    expect((await send("manager", { from: "(415) 555-2671", message: "STOP", extra: 1 })).status).toBe(400);
    expect(await queued()).toEqual([]);
  });

  it("publishes the text in AWS two-way SMS's shape, from the number in E.164, with a fresh id each time", async () => {
    const first = await send("manager", { from: "(415) 555-2671", message: " Stop " });
    expect(first.status).toBe(202);
    const { inboundMessageId } = (await first.json()) as { inboundMessageId: string };
    await send("manager", { from: "+1 415 555 2671", message: "STOP" });
    const messages: unknown[] = [];
    for (let i = 0; i < 5 && messages.length < 2; i++) messages.push(...(await queued()));
    expect(messages).toHaveLength(2);
    const parsed = messages.map((m) => inboundSmsMessageSchema.parse(m));
    expect(parsed.map((m) => m.originationNumber)).toEqual(["+14155552671", "+14155552671"]);
    expect(parsed.map((m) => m.inboundMessageId)).toContain(inboundMessageId);
    expect(new Set(parsed.map((m) => m.inboundMessageId)).size).toBe(2);
    expect(parsed.find((m) => m.inboundMessageId === inboundMessageId)?.messageBody).toBe("Stop");
  });
});
