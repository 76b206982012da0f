import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { addStaff } from "../../lib/auth/staff-accounts.ts";
import { createPrismaClient } from "../../lib/db/prisma.ts";
import type { StaffRole } from "../../lib/auth/roles.ts";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_DATABASE_URL, MAIN_STACK } from "../stack-env.ts";
import { cookiesOf, post as postTo } from "./stack-staff.ts";


// Staff accounts for the e2e run, made in its throwaway database the way the staff CLI
// makes them (a one-time password, changed through the real endpoint to a random one).
// Each account signs in once per run: the cookies are kept in the run's data folder,
// since sign-in is rate-limited per address and every test comes from 127.0.0.1.

export type E2eStaff = { role: StaffRole; name: string; email: string; password: string; cookies: { name: string; value: string }[] };

const DEFAULT_NAMES: Record<StaffRole, string> = { barista: "Sam", manager: "Morgan" };
const cacheFile = (role: StaffRole, name: string) => path.join(E2E_DATA_DIR, `staff-${role}-${name.replace(/\W/g, "_")}.json`);

const post = (urlPath: string, body: unknown, cookie?: string) => postTo(MAIN_STACK, urlPath, body, cookie);

/** A new account with its one-time password (not yet changed), as `npm run staff -- add` makes it. */
export async function createStaffAccount(role: StaffRole, name: string, pin?: string): Promise<{ email: string; oneTimePassword: string; id: string }> {
  const prisma = createPrismaClient(E2E_DATABASE_URL);
  try {
    const email = `${name.toLowerCase().replace(/\W/g, "")}-${Date.now()}@e2e.brewline`;
    const { id, oneTimePassword } = await addStaff({ prisma, email, name, role, pin });
    return { id, email, oneTimePassword };
  } finally {
    await prisma.$disconnect();
  }
}

/** A signed-in staff member of this run (made and signed in on first use). */
export async function e2eStaff(role: StaffRole, name = DEFAULT_NAMES[role], pin?: string): Promise<E2eStaff> {
  const file = cacheFile(role, name);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as E2eStaff;
  const { email, oneTimePassword } = await createStaffAccount(role, name, pin);
  const password = `e2e-${crypto.randomUUID()}`;
  const first = await post("/api/auth/sign-in/email", { email, password: oneTimePassword });
  const firstCookie = cookiesOf(first).map((c) => `${c.name}=${c.value}`).join("; ");
  const changed = await post("/api/auth/change-password", { currentPassword: oneTimePassword, newPassword: password, revokeOtherSessions: true }, firstCookie);
  const staff: E2eStaff = { role, name, email, password, cookies: cookiesOf(changed).filter((c) => c.value !== "") };
  writeFileSync(file, JSON.stringify(staff));
  return staff;
}

/** Signs this page's browser context in (the session cookie, as the sign-in page would leave it). */
export async function signInAs(page: Page, role: StaffRole, name?: string): Promise<E2eStaff> {
  const staff = await e2eStaff(role, name);
  await page.context().addCookies(staff.cookies.map((c) => ({ ...c, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" as const })));
  return staff;
}

/** Headers for an API call as this staff member (Playwright's `request` keeps no browser cookies). */
export async function staffHeaders(role: StaffRole, name?: string): Promise<Record<string, string>> {
  const staff = await e2eStaff(role, name);
  return { cookie: staff.cookies.map((c) => `${c.name}=${c.value}`).join("; "), origin: E2E_BASE_URL };
}
