import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { errorInfo } from "../log.ts";

export type QueueDepth =
  | { status: "ok"; visible: number; inFlight: number; delayed: number }
  | { status: "unavailable"; error: string }
  | { status: "not-configured" };

const count = (value: string | undefined) => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

/**
 * Approximate message counts of one queue. Never throws: a queue server that is down
 * or slow shows as "unavailable" (after timeoutMs) rather than breaking the page.
 */
export async function getQueueDepth(options: {
  sqs: Pick<SQSClient, "send">;
  url: string | undefined;
  timeoutMs?: number;
}): Promise<QueueDepth> {
  if (!options.url) return { status: "not-configured" };
  try {
    const out = await options.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: options.url,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
      }),
      { abortSignal: AbortSignal.timeout(options.timeoutMs ?? 2_000) },
    );
    const a = out.Attributes ?? {};
    return {
      status: "ok",
      visible: count(a.ApproximateNumberOfMessages),
      inFlight: count(a.ApproximateNumberOfMessagesNotVisible),
      delayed: count(a.ApproximateNumberOfMessagesDelayed),
    };
  } catch (error) {
    return { status: "unavailable", error: errorInfo(error).message.slice(0, 200) };
  }
}
