import type { PrismaClient } from "../db/prisma.ts";
import { errorInfo, logger } from "../log.ts";
import { consumeRateLimit } from "../rate-limit/consume-rate-limit.ts";
import { refundRateLimit } from "../rate-limit/refund-rate-limit.ts";
import { verifyOrDecoy } from "./passwords.ts";

/** Wrong PINs per person before they must wait (per screen, too): 10 000 PINs need weeks. */
const PIN_ATTEMPT_WINDOWS = [
  { seconds: 5 * 60, max: 5 },
  { seconds: 60 * 60, max: 20 },
];

export type PinCheck = { outcome: "right" } | { outcome: "wrong" } | { outcome: "locked"; retryAfterSeconds: number };

/**
 * Checks a kitchen-screen PIN against the person's and the screen's limits. Only wrong
 * PINs count: a tablet whose baristas switch all day must not lock anyone out. Each
 * attempt takes a place in both counters before the PIN is checked and gives it back
 * unless the PIN was wrong, so a burst of parallel guesses cannot all pass a limit
 * that each of them saw as not reached yet.
 */
export async function checkPin(options: {
  prisma: Pick<PrismaClient, "user" | "$queryRaw" | "$executeRaw">;
  userId: string;
  pin: string;
  /** The signed-in kitchen screen's session: guessing everyone's PIN from one screen stalls too. */
  screenSessionId: string;
  now?: Date;
}): Promise<PinCheck> {
  const { prisma } = options;
  const now = options.now ?? new Date();
  const keys = [`pin-user:${options.userId}`, `pin-session:${options.screenSessionId}`];
  const limits = await Promise.all(keys.map((key) => consumeRateLimit({ prisma, key, windows: PIN_ATTEMPT_WINDOWS, now })));
  const giveBack = () =>
    Promise.all(keys.map((key) => refundRateLimit({ prisma, key, windows: PIN_ATTEMPT_WINDOWS, now }))).catch((error: unknown) =>
      // At worst one attempt too many is counted until the window ends.
      logger.warn({ err: errorInfo(error) }, "could not give back a PIN attempt"),
    );

  if (limits.some((l) => !l.allowed)) {
    // Not checked, so not a failure: waiting out the lock must not lengthen it.
    await giveBack();
    return { outcome: "locked", retryAfterSeconds: Math.max(...limits.map((l) => l.retryAfterSeconds)) };
  }
  const target = await prisma.user.findUnique({ where: { id: options.userId }, select: { pinHash: true } });
  if (!(await verifyOrDecoy(target?.pinHash, options.pin))) return { outcome: "wrong" };
  await giveBack();
  return { outcome: "right" };
}
