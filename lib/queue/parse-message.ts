import type { z } from "zod";
import { AppError } from "../errors.ts";

/**
 * Parses a queue message body. A body that is not JSON or does not match the schema
 * can never be handled: the VALIDATION error tells the consumer it is poison, to be
 * left for the dead-letter queue rather than retried with backoff.
 */
export function parseMessageBody<T>(body: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError("VALIDATION", "message body is not JSON", { bodyPreview: body.slice(0, 80) });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const reason = result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw new AppError("VALIDATION", `message body does not match its schema (${reason})`);
  }
  return result.data;
}
