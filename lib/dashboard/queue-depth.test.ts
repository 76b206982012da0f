import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { getQueueDepth } from "./queue-depth.ts";

describe("getQueueDepth", () => {
  it("reads the approximate counts", async () => {
    const sqs = {
      send: async (command: unknown) => {
        expect(command).toBeInstanceOf(GetQueueAttributesCommand);
        return { Attributes: { ApproximateNumberOfMessages: "3", ApproximateNumberOfMessagesNotVisible: "1" } };
      },
    };
    expect(await getQueueDepth({ sqs: sqs as never, url: "http://q/orders" })).toEqual({ status: "ok", visible: 3, inFlight: 1, delayed: 0 });
  });

  it("reports unavailable instead of throwing when the queue server is down", async () => {
    const sqs = { send: async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" })) };
    expect(await getQueueDepth({ sqs: sqs as never, url: "http://q/orders" })).toEqual({
      status: "unavailable",
      error: "connect ECONNREFUSED 127.0.0.1:4566",
    });
  });

  it("gives up after the timeout", async () => {
    const sqs = {
      send: (_: unknown, options: { abortSignal: AbortSignal }) =>
        new Promise((_, reject) => options.abortSignal.addEventListener("abort", () => reject(new Error("aborted")))),
    };
    const started = Date.now();
    expect((await getQueueDepth({ sqs: sqs as never, url: "http://q/orders", timeoutMs: 50 })).status).toBe("unavailable");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("says when a queue is not configured", async () => {
    expect(await getQueueDepth({ sqs: { send: async () => ({}) } as never, url: undefined })).toEqual({ status: "not-configured" });
  });
});
