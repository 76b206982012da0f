import { isAppError } from "../errors.ts";
import type { ReceivedMessage } from "./consumer.ts";

const MAX_RETRY_DELAY_SECONDS = 300;

/**
 * A body that can never be handled (not JSON, wrong shape) is released at once so it
 * reaches the DLQ after maxReceiveCount quick receives; anything else waits
 * 2^receiveCount seconds (capped), which rides out a database or provider blip.
 */
export function defaultRetryDelaySeconds(message: ReceivedMessage, error: unknown): number {
  if (isAppError(error) && error.code === "VALIDATION") return 0;
  return Math.min(2 ** message.receiveCount, MAX_RETRY_DELAY_SECONDS);
}
