import type { PrismaClient } from "../db/prisma.ts";
import { MAX_PASSWORD_LENGTH, verifySecret } from "./passwords.ts";
import { CREDENTIAL_PROVIDER } from "./staff-accounts.ts";

export const oneTimePasswordExpiredMessage = (email: string) =>
  `This one-time password has expired; ask a manager to run \`npm run staff -- reset ${email}\``;

/**
 * Whether this sign-in uses a one-time password that has expired. "expired" only when
 * the password is the right one: for a wrong password, an unknown email or a password
 * already changed the answer is "unknown" and sign-in goes on to refuse it exactly as
 * it would anyone, so the answer says nothing about which emails have accounts.
 */
export async function checkOneTimePassword(options: {
  prisma: Pick<PrismaClient, "user">;
  email: string;
  password: string;
  now?: Date;
}): Promise<"expired" | "unknown"> {
  if (options.password.length > MAX_PASSWORD_LENGTH) return "unknown";
  const user = await options.prisma.user.findUnique({
    where: { email: options.email.toLowerCase() },
    select: { mustChangePassword: true, oneTimePasswordExpiresAt: true, accounts: { where: { providerId: CREDENTIAL_PROVIDER }, select: { password: true } } },
  });
  const expiresAt = user?.mustChangePassword ? user.oneTimePasswordExpiresAt : null;
  if (!expiresAt || expiresAt > (options.now ?? new Date())) return "unknown";
  const hash = user?.accounts[0]?.password;
  return hash && (await verifySecret(hash, options.password)) ? "expired" : "unknown";
}
