import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import type { TestStack } from "./test-stack.ts";

// How many messages a queue holds: waiting (visible) and received but not yet deleted
// (in flight, including those a killed worker took with it until their visibility
// timeout ends). Both zero = every copy of every message has been handled.

export async function queueDepth(stack: TestStack, queueUrl = stack.config.ORDERS_QUEUE_URL): Promise<{ visible: number; inFlight: number }> {
  const out = await stack.transport.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return { visible: Number(out.Attributes?.ApproximateNumberOfMessages), inFlight: Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

export const isDrained = (depth: { visible: number; inFlight: number }) => depth.visible === 0 && depth.inFlight === 0;
