import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { generateOneTimePassword, hashSecret, PIN_PATTERN } from "./passwords.ts";
import type { StaffRole } from "./roles.ts";

// Staff accounts as the staff CLI and the first start make them: rows in better-auth's
// tables (a user and its "credential" account, whose accountId is the user id), with a
// one-time password that must be changed at first sign-in.

type Db = Pick<PrismaClient, "user" | "account" | "session" | "$transaction">;

export const CREDENTIAL_PROVIDER = "credential";

const emailSchema = z.email({ error: "email must be an email address" }).max(254).transform((e) => e.toLowerCase());
const nameSchema = z.string().trim().min(1, "name must not be empty").max(40, "name must be at most 40 characters");
const pinSchema = z.string().regex(PIN_PATTERN, "PIN must be 4 to 6 digits");

/** How long a one-time password works: it is printed to a console or a log, which others may read later. */
const ONE_TIME_PASSWORD_SECONDS = 24 * 60 * 60;

const oneTimePasswordExpiry = (now = new Date()) => new Date(now.getTime() + ONE_TIME_PASSWORD_SECONDS * 1000);

export type StaffListing = {
  email: string;
  name: string;
  role: StaffRole;
  hasPin: boolean;
  mustChangePassword: boolean;
  /** When the unchanged one-time password stops working; null once it was changed. */
  oneTimePasswordExpiresAt: Date | null;
  createdAt: Date;
};

/** A new account with a one-time password (returned once; only its hash is kept), good for 24 hours. */
export async function addStaff(options: { prisma: Db; email: string; name: string; role: StaffRole; pin?: string; now?: Date }): Promise<{ id: string; oneTimePassword: string }> {
  const email = emailSchema.parse(options.email);
  const name = nameSchema.parse(options.name);
  const pin = options.pin === undefined ? undefined : pinSchema.parse(options.pin);
  const oneTimePassword = generateOneTimePassword();
  const [password, pinHash] = await Promise.all([hashSecret(oneTimePassword), pin ? hashSecret(pin) : null]);
  const id = randomUUID();
  try {
    await options.prisma.user.create({
      data: {
        id,
        email,
        name,
        role: options.role,
        pinHash,
        mustChangePassword: true,
        oneTimePasswordExpiresAt: oneTimePasswordExpiry(options.now),
        accounts: { create: { id: randomUUID(), accountId: id, providerId: CREDENTIAL_PROVIDER, password } },
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `There is already an account for ${email}`);
    throw error;
  }
  return { id, oneTimePassword };
}

/**
 * A new one-time password, good for 24 hours (signing the person out everywhere),
 * and/or a new PIN. Returns the password when one was made.
 */
export async function resetStaff(options: { prisma: Db; email: string; password: boolean; pin?: string; now?: Date }): Promise<{ oneTimePassword?: string }> {
  const email = emailSchema.parse(options.email);
  const pin = options.pin === undefined ? undefined : pinSchema.parse(options.pin);
  const user = await options.prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", `No account for ${email}`);
  const oneTimePassword = options.password ? generateOneTimePassword() : undefined;
  const [password, pinHash] = await Promise.all([oneTimePassword && hashSecret(oneTimePassword), pin && hashSecret(pin)]);
  const { prisma } = options;
  await prisma.$transaction(async (tx) => {
    if (pinHash) await tx.user.update({ where: { id: user.id }, data: { pinHash } });
    if (!password) return;
    await tx.user.update({ where: { id: user.id }, data: { mustChangePassword: true, oneTimePasswordExpiresAt: oneTimePasswordExpiry(options.now) } });
    const updated = await tx.account.updateMany({ where: { userId: user.id, providerId: CREDENTIAL_PROVIDER }, data: { password } });
    if (updated.count === 0) await tx.account.create({ data: { id: randomUUID(), accountId: user.id, providerId: CREDENTIAL_PROVIDER, userId: user.id, password } });
    // Whoever knew the old password is signed out.
    await tx.session.deleteMany({ where: { userId: user.id } });
  });
  return { oneTimePassword };
}

export async function listStaff({ prisma }: { prisma: Pick<PrismaClient, "user"> }): Promise<StaffListing[]> {
  const users = await prisma.user.findMany({ orderBy: [{ role: "desc" }, { name: "asc" }] });
  return users.map((u) => ({ email: u.email, name: u.name, role: u.role, hasPin: u.pinHash !== null, mustChangePassword: u.mustChangePassword, oneTimePasswordExpiresAt: u.oneTimePasswordExpiresAt, createdAt: u.createdAt }));
}

/** Who can take over a kitchen screen with a PIN (the switcher's list of names). */
export async function listPinStaff({ prisma }: { prisma: Pick<PrismaClient, "user"> }): Promise<{ id: string; name: string }[]> {
  return prisma.user.findMany({ where: { pinHash: { not: null } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export const FIRST_MANAGER_EMAIL = "manager@brewline.local";

/**
 * On the first start (no staff account at all), a manager account with a one-time
 * password, which the caller prints once. Several migration runs at once (two tasks
 * starting together) make one account: the email is unique.
 */
export async function ensureFirstManager(options: { prisma: Db; email?: string }): Promise<{ email: string; oneTimePassword: string } | null> {
  if ((await options.prisma.user.count()) > 0) return null;
  const email = options.email ?? FIRST_MANAGER_EMAIL;
  try {
    const { oneTimePassword } = await addStaff({ prisma: options.prisma, email, name: "Manager", role: "manager" });
    return { email, oneTimePassword };
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") return null;
    throw error;
  }
}

/** The lines the first start prints (console and container logs). */
export function firstManagerNotice(created: { email: string; oneTimePassword: string }): string[] {
  return [
    "First start: created the manager account",
    `  email:              ${created.email}`,
    `  one-time password:  ${created.oneTimePassword}`,
    "Sign in at /sign-in within 24 hours and choose a new password; this one is shown only now.",
    `After 24 hours it stops working: npm run staff -- reset ${created.email} makes a new one.`,
    "More accounts: npm run staff -- add <email> <name> <barista|manager> [--pin 1234]",
  ];
}
