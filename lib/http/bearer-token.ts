import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether an Authorization header carries `Bearer <expected>`. Both sides are hashed
 * first so the comparison takes the same time whatever the length or content of what
 * was sent (no timing hint about the token).
 */
export function bearerMatches(header: string | null, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return timingSafeEqual(digest(match?.[1] ?? ""), digest(expected)) && match !== null;
}
