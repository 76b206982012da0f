import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, createAuthMiddleware, getSessionFromCtx, sessionMiddleware } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";
import type { PrismaClient } from "../db/prisma.ts";
import { recordStaffAction } from "../audit/record-staff-action.ts";
import { logger } from "../log.ts";
import { PIN_PATTERN } from "./passwords.ts";
import { checkOneTimePassword, oneTimePasswordExpiredMessage } from "./check-one-time-password.ts";
import { checkPin } from "./check-pin.ts";

// Brewline's part of better-auth: switching user on a signed-in kitchen screen by PIN,
// the end of a one-time password (changed, or expired after 24 hours), and the audit
// lines for sign-in and sign-out.

/** A PIN-switched session is shorter than a password one: a shared screen changes hands. */
const PIN_SESSION_SECONDS = 4 * 60 * 60;

const pinSwitchBody = z.strictObject({
  userId: z.string().min(1).max(100),
  pin: z.string().regex(PIN_PATTERN, "PIN must be 4 to 6 digits"),
});

const audit = (prisma: PrismaClient, actor: { id: string; name: string }, action: string, summary: string) =>
  recordStaffAction({ tx: prisma, actor, action, summary }).catch((error: Error) => logger.warn({ err: error.message, action }, "audit log write failed"));

export function staffPlugin({ prisma }: { prisma: PrismaClient }) {
  return {
    id: "brewline-staff",
    endpoints: {
      pinSwitch: createAuthEndpoint("/staff/pin-switch", { method: "POST", body: pinSwitchBody, use: [sessionMiddleware] }, async (ctx) => {
        const device = ctx.context.session;
        const { userId, pin } = ctx.body;
        const check = await checkPin({ prisma, userId, pin, screenSessionId: device.session.id });
        if (check.outcome === "locked") {
          throw new APIError("TOO_MANY_REQUESTS", { message: `Too many wrong PINs. Try again in ${Math.ceil(check.retryAfterSeconds / 60)} min, or sign in with a password.` });
        }
        if (check.outcome === "wrong") throw new APIError("UNAUTHORIZED", { message: "Wrong PIN", code: "WRONG_PIN" });
        const target = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
        if (!target) throw new APIError("UNAUTHORIZED", { message: "Wrong PIN", code: "WRONG_PIN" });

        const session = await ctx.context.internalAdapter.createSession(
          target.id,
          false,
          { pinSwitched: true, expiresAt: new Date(Date.now() + PIN_SESSION_SECONDS * 1000) },
          true,
        );
        const user = await ctx.context.internalAdapter.findUserById(target.id);
        if (!user) throw new APIError("UNAUTHORIZED", { message: "Wrong PIN", code: "WRONG_PIN" });
        // The screen now belongs to the new person; the old session has no holder.
        await ctx.context.internalAdapter.deleteSession(device.session.token);
        await setSessionCookie(ctx, { session, user });
        await audit(prisma, target, "staff.pin_switch", `Switched the kitchen screen from ${device.user.name} to ${target.name}`);
        return ctx.json({ user: { id: target.id, name: target.name } });
      }),
    },
    hooks: {
      before: [
        {
          // Runs after better-auth's rate limit, so it is no free password oracle.
          matcher: (ctx) => ctx.path === "/sign-in/email",
          handler: createAuthMiddleware(async (ctx) => {
            const { email, password } = (ctx.body ?? {}) as { email?: unknown; password?: unknown };
            if (typeof email !== "string" || typeof password !== "string") return;
            if ((await checkOneTimePassword({ prisma, email, password })) === "expired") {
              throw new APIError("FORBIDDEN", { code: "ONE_TIME_PASSWORD_EXPIRED", message: oneTimePasswordExpiredMessage(email.toLowerCase()) });
            }
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/sign-out",
          handler: createAuthMiddleware(async (ctx) => {
            const current = await getSessionFromCtx(ctx).catch(() => null);
            if (current) await audit(prisma, current.user, "staff.sign_out", `${current.user.name} signed out`);
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === "/sign-in/email" || ctx.path === "/change-password",
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned as { user?: { id: string; name: string } } | APIError | undefined;
            if (!returned || returned instanceof APIError || !returned.user) return;
            const { user } = returned;
            if (ctx.path === "/change-password") {
              await prisma.user.update({ where: { id: user.id }, data: { mustChangePassword: false, oneTimePasswordExpiresAt: null } });
              await audit(prisma, user, "staff.password_change", `${user.name} changed their password`);
            } else {
              await audit(prisma, user, "staff.sign_in", `${user.name} signed in`);
            }
          }),
        },
      ],
    },
    rateLimit: [{ pathMatcher: (path: string) => path === "/staff/pin-switch", window: 60, max: 20 }],
  } satisfies BetterAuthPlugin;
}
