import { expect } from "@playwright/test";
import { E2E_MAIL_API } from "../stack-env.ts";
import { query } from "./db.ts";

// Where customer messages land in the embedded shop: maildev's inbox and the dev SMS inbox
// table (the emulator cannot send texts). Tests count them there, as a customer would.

export type MaildevEmail = { subject: string; to: { address: string }[]; text?: string };

export async function emailsTo(address: string): Promise<MaildevEmail[]> {
  const res = await fetch(E2E_MAIL_API);
  expect(res.ok).toBe(true);
  const all = (await res.json()) as MaildevEmail[];
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

export async function textsTo(phone: string): Promise<{ body: string }[]> {
  return query<{ body: string }>(`SELECT body FROM "DevSmsMessage" WHERE "to" = $1 ORDER BY "createdAt"`, [phone]);
}

let phonesHandedOut = 0;
const phoneBase = Math.floor(Math.random() * 10_000);

/**
 * A phone number no other test of this run uses, so counting the texts to it counts
 * one test's messages only. (415) 555-xxxx: every one is a valid number (many random
 * +44 7911 ones are not).
 */
export function uniquePhone(): string {
  const n = (phoneBase + phonesHandedOut++) % 10_000;
  return `+1415555${String(n).padStart(4, "0")}`;
}
