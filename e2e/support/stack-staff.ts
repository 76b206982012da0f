import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { addStaff } from "../../lib/auth/staff-accounts.ts";
import type { StaffRole } from "../../lib/auth/roles.ts";
import { createPrismaClient } from "../../lib/db/prisma.ts";
import type { StackTarget } from "../stack-env.ts";

// Staff of any e2e shop (the main one has e2e/support/staff.ts): an account made in the
// shop's throwaway database the way the staff CLI makes it, its one-time password changed
// through the real endpoint, signed in once per run (sign-in is rate-limited per address),
// the cookies kept in the shop's data folder.

type SignedIn = { cookies: { name: string; value: string }[] };

export const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((c) => {
    const [pair] = c.split(";");
    const at = pair!.indexOf("=");
    return { name: pair!.slice(0, at), value: pair!.slice(at + 1) };
  });

export async function post(stack: StackTarget, urlPath: string, body: unknown, cookie?: string): Promise<Response> {
  const response = await fetch(`${stack.baseUrl}${urlPath}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.baseUrl, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${urlPath}: ${response.status} ${await response.text()}`);
  return response;
}

async function staffOf(stack: StackTarget, role: StaffRole, name: string): Promise<SignedIn> {
  const file = path.join(stack.dataDir, `staff-${role}-${name.replace(/\W/g, "_")}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SignedIn;
  const prisma = createPrismaClient(stack.databaseUrl);
  let made: { oneTimePassword: string; email: string };
  try {
    const email = `${name.toLowerCase().replace(/\W/g, "")}-${Date.now()}@e2e.brewline`;
    made = { email, oneTimePassword: (await addStaff({ prisma, email, name, role })).oneTimePassword };
  } finally {
    await prisma.$disconnect();
  }
  const first = await post(stack, "/api/auth/sign-in/email", { email: made.email, password: made.oneTimePassword });
  const firstCookie = cookiesOf(first).map((c) => `${c.name}=${c.value}`).join("; ");
  const password = `e2e-${crypto.randomUUID()}`;
  const changed = await post(stack, "/api/auth/change-password", { currentPassword: made.oneTimePassword, newPassword: password, revokeOtherSessions: true }, firstCookie);
  const staff: SignedIn = { cookies: cookiesOf(changed).filter((c) => c.value !== "") };
  writeFileSync(file, JSON.stringify(staff));
  return staff;
}

/** Signs this page's browser context in to the shop (the session cookie, as the sign-in page would leave it). */
export async function signInTo(stack: StackTarget, page: Page, role: StaffRole, name = role === "manager" ? "Morgan" : "Sam"): Promise<void> {
  const staff = await staffOf(stack, role, name);
  await page.context().addCookies(staff.cookies.map((c) => ({ ...c, url: stack.baseUrl, httpOnly: true, sameSite: "Lax" as const })));
}
