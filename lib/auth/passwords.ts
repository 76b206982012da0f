import { randomBytes, randomInt } from "node:crypto";
import argon2 from "argon2";

// Password and PIN hashing for staff accounts: argon2id through the argon2 library
// (its defaults follow the OWASP recommendation), the same for better-auth's sign-in
// and for the staff CLI, so either can check what the other stored.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
export const PIN_PATTERN = /^\d{4,6}$/;

export const hashSecret = (secret: string): Promise<string> => argon2.hash(secret, { type: argon2.argon2id });

export async function verifySecret(hash: string, secret: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, secret);
  } catch {
    // A hash argon2 cannot read (corrupt row) is a wrong password, not a 500.
    return false;
  }
}

// Verified against when there is no hash to check, so a wrong PIN for an unknown or
// PIN-less user takes as long as one for a real user.
let decoy: Promise<string> | undefined;
export async function verifyOrDecoy(hash: string | null | undefined, secret: string): Promise<boolean> {
  if (hash) return verifySecret(hash, secret);
  decoy ??= hashSecret(randomBytes(16).toString("hex"));
  await verifySecret(await decoy, secret);
  return false;
}

/** better-auth's `emailAndPassword.password` hooks. */
export const passwordHasher = {
  hash: hashSecret,
  verify: ({ hash, password }: { hash: string; password: string }) => verifySecret(hash, password),
};

// No look-alike characters (0/O, 1/l/I): it is read off a console and typed by hand.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** 20 characters from 57 (about 116 bits): a one-time password someone types once. */
export function generateOneTimePassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
