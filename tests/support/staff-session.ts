import { randomInt } from "node:crypto";
import { GET as authGet, POST as authPost } from "../../app/api/auth/[...all]/route.ts";
import { addStaff } from "../../lib/auth/staff-accounts.ts";
import type { StaffRole } from "../../lib/auth/roles.ts";
import type { PrismaClient } from "../../lib/db/prisma.ts";

// Staff sessions for tests that call route handlers: real accounts, signed in through
// better-auth's own endpoint (app/api/auth/[...all]), so the cookie is the real thing.

export const TEST_ORIGIN = "http://localhost:3000";
const PASSWORD = "integration-test-password";

/** A client address of its own per call, so sign-ins in a test never share a rate-limit bucket. */
const someClientIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export function authRequest(path: string, options: { body?: unknown; cookie?: string; ip?: string; origin?: string | null; method?: "GET" | "POST" } = {}): Request {
  const headers = new Headers({ "x-forwarded-for": options.ip ?? someClientIp() });
  if (options.origin !== null) headers.set("origin", options.origin ?? TEST_ORIGIN);
  if (options.cookie) headers.set("cookie", options.cookie);
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  if (method === "POST") headers.set("content-type", "application/json");
  return new Request(`${TEST_ORIGIN}/api/auth${path}`, { method, headers, body: method === "POST" ? JSON.stringify(options.body ?? {}) : undefined });
}

export const callAuth = (request: Request) => (request.method === "GET" ? authGet(request, {}) : authPost(request, {}));

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookieFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

export type TestStaff = { id: string; email: string; name: string; role: StaffRole; password: string };

let made = 0;

/** A staff account whose one-time password is already replaced by a known one (and a PIN if given). */
export async function createTestStaff(prisma: PrismaClient, role: StaffRole, options: { name?: string; pin?: string } = {}): Promise<TestStaff> {
  const email = `${role}-${Date.now()}-${++made}@test.brewline`;
  const name = options.name ?? `${role === "manager" ? "Morgan" : "Sam"} ${made}`;
  const { id, oneTimePassword } = await addStaff({ prisma, email, name, role, pin: options.pin });
  const signedIn = await callAuth(authRequest("/sign-in/email", { body: { email, password: oneTimePassword } }));
  if (!signedIn.ok) throw new Error(`test sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
  const changed = await callAuth(authRequest("/change-password", { cookie: cookieFrom(signedIn), body: { currentPassword: oneTimePassword, newPassword: PASSWORD, revokeOtherSessions: true } }));
  if (!changed.ok) throw new Error(`test password change failed: ${changed.status} ${await changed.text()}`);
  return { id, email, name, role, password: PASSWORD };
}

export async function signIn(staff: Pick<TestStaff, "email" | "password">): Promise<string> {
  const response = await callAuth(authRequest("/sign-in/email", { body: { email: staff.email, password: staff.password } }));
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookieFrom(response);
}

const sessions = new Map<StaffRole, Promise<string>>();

/** A signed-in session cookie for the role, made once per test file. */
export function staffCookie(prisma: PrismaClient, role: StaffRole): Promise<string> {
  let session = sessions.get(role);
  if (!session) {
    session = createTestStaff(prisma, role).then(signIn);
    sessions.set(role, session);
  }
  return session;
}

/** Headers for a staff route call: JSON body, the role's session cookie, and the shop's own Origin as a browser sends it. */
export async function staffHeaders(prisma: PrismaClient, role: StaffRole, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return { "content-type": "application/json", cookie: await staffCookie(prisma, role), origin: TEST_ORIGIN, ...extra };
}

/**
 * A route handler that is called as a signed-in staff member from the shop's own
 * pages: the session cookie and the Origin are added to each request that lacks them.
 * `prisma` is a getter because the stack starts in beforeAll.
 */
export function asStaff<C>(route: (request: Request, context: C) => Promise<Response>, prisma: () => PrismaClient, role: StaffRole = "manager") {
  return async (request: Request, context: C): Promise<Response> => {
    if (!request.headers.has("cookie")) request.headers.set("cookie", await staffCookie(prisma(), role));
    if (!request.headers.has("origin")) request.headers.set("origin", TEST_ORIGIN);
    return route(request, context);
  };
}

/**
 * A session cookie from a running web server (the scale test's balancer), for an
 * account made here whose one-time password is marked changed: the endpoint under test
 * is the kitchen's, not the password change.
 */
export async function signInOverHttp(baseUrl: string, prisma: PrismaClient, role: StaffRole): Promise<string> {
  const email = `${role}-http-${Date.now()}-${++made}@test.brewline`;
  const { id, oneTimePassword } = await addStaff({ prisma, email, name: `Scale ${role}`, role });
  await prisma.user.update({ where: { id }, data: { mustChangePassword: false } });
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN },
    body: JSON.stringify({ email, password: oneTimePassword }),
  });
  if (!response.ok) throw new Error(`sign-in over HTTP failed: ${response.status} ${await response.text()}`);
  return cookieFrom(response);
}
