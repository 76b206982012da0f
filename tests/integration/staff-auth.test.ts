import { describe, expect, it } from "vitest";
import { requireStaff } from "../../lib/auth/require-staff.ts";
import { addStaff, ensureFirstManager, resetStaff } from "../../lib/auth/staff-accounts.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { authRequest, callAuth, cookieFrom, createTestStaff, signIn } from "../support/staff-session.ts";

// Sign-in, one-time passwords, PIN switching, rate limits and sign-out through
// better-auth's real endpoint against real Postgres.

const ctx = setupRouteTestStack();

/** What a staff page hands requireStaff: its request headers, as a GET. */
const headersWith = (cookie: string) => ({ headers: new Headers({ cookie }), method: "GET" });
const errorCode = async (promise: Promise<unknown>) => promise.then(() => "OK", (e: { code?: string }) => e.code);

describe("staff sign-in", () => {
  it("creates the first manager only once, with a one-time password that must be changed", async () => {
    const first = await ensureFirstManager({ prisma: ctx.stack.prisma, email: "first@test.brewline" });
    expect(first?.oneTimePassword.length).toBeGreaterThanOrEqual(12);
    expect(await ensureFirstManager({ prisma: ctx.stack.prisma })).toBeNull();

    const response = await callAuth(authRequest("/sign-in/email", { body: { email: first!.email, password: first!.oneTimePassword } }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ role: "manager", mustChangePassword: true });
    expect(body.user).not.toHaveProperty("pinHash");
    const cookie = cookieFrom(response);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/HttpOnly/i);
    expect(response.headers.getSetCookie().join("\n")).toMatch(/SameSite=Lax/i);
    expect(await errorCode(requireStaff(headersWith(cookie), "barista"))).toBe("UNAUTHENTICATED");

    const changed = await callAuth(
      authRequest("/change-password", { cookie, body: { currentPassword: first!.oneTimePassword, newPassword: "a brand new password", revokeOtherSessions: true } }),
    );
    expect(changed.status).toBe(200);
    const manager = await requireStaff(headersWith(cookieFrom(changed)), "manager");
    expect(manager).toMatchObject({ email: "first@test.brewline", role: "manager" });
    const audit = await ctx.stack.prisma.auditLog.findMany({ where: { actorId: manager.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["staff.sign_in", "staff.password_change"]);
  });

  it("refuses a wrong password, sign-up, and a request from another origin", async () => {
    const staff = await createTestStaff(ctx.stack.prisma, "barista");
    const wrong = await callAuth(authRequest("/sign-in/email", { body: { email: staff.email, password: "not the password" } }));
    expect(wrong.status).toBe(401);
    const signUp = await callAuth(authRequest("/sign-up/email", { body: { email: "x@evil.example", password: "whatever-long-pw", name: "X" } }));
    expect(signUp.status).toBeGreaterThanOrEqual(400);
    expect(await ctx.stack.prisma.user.count({ where: { email: "x@evil.example" } })).toBe(0);
    // better-auth checks the origin of every request that carries the session cookie.
    const cookie = await signIn(staff);
    const crossSite = await callAuth(authRequest("/sign-out", { cookie, origin: "https://evil.example", body: {} }));
    expect(crossSite.status).toBe(403);
    expect((await requireStaff(headersWith(cookie), "barista")).email).toBe(staff.email);
  });

  it("rate-limits sign-in attempts from one address", async () => {
    const ip = "203.0.113.77";
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await callAuth(authRequest("/sign-in/email", { ip, body: { email: "nobody@test.brewline", password: `guess-${i}-xxxxxx` } }))).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(await ctx.stack.prisma.authRateLimit.count()).toBeGreaterThan(0);
  });

  it("gives roles their due: a barista is refused manager work, a manager passes barista checks", async () => {
    const barista = await signIn(await createTestStaff(ctx.stack.prisma, "barista"));
    const manager = await signIn(await createTestStaff(ctx.stack.prisma, "manager"));
    expect((await requireStaff(headersWith(barista), "barista")).role).toBe("barista");
    expect(await errorCode(requireStaff(headersWith(barista), "manager"))).toBe("FORBIDDEN");
    expect((await requireStaff(headersWith(manager), "barista")).role).toBe("manager");
    expect(await errorCode(requireStaff({ headers: new Headers(), method: "GET" }, "barista"))).toBe("UNAUTHENTICATED");
    expect(await errorCode(requireStaff(headersWith("better-auth.session_token=forged.token"), "barista"))).toBe("UNAUTHENTICATED");
  });

  it("signs out: the session no longer works", async () => {
    const staff = await createTestStaff(ctx.stack.prisma, "barista");
    const cookie = await signIn(staff);
    const out = await callAuth(authRequest("/sign-out", { cookie, body: {} }));
    expect(out.status).toBe(200);
    expect(await errorCode(requireStaff(headersWith(cookie), "barista"))).toBe("UNAUTHENTICATED");
    const audit = await ctx.stack.prisma.auditLog.findFirst({ where: { actorId: staff.id, action: "staff.sign_out" } });
    expect(audit).not.toBeNull();
  });

  it("resets a password: the old one and its sessions stop working", async () => {
    const staff = await createTestStaff(ctx.stack.prisma, "barista");
    const cookie = await signIn(staff);
    const { oneTimePassword } = await resetStaff({ prisma: ctx.stack.prisma, email: staff.email, password: true });
    expect(await errorCode(requireStaff(headersWith(cookie), "barista"))).toBe("UNAUTHENTICATED");
    expect((await callAuth(authRequest("/sign-in/email", { body: { email: staff.email, password: staff.password } }))).status).toBe(401);
    expect((await callAuth(authRequest("/sign-in/email", { body: { email: staff.email, password: oneTimePassword } }))).status).toBe(200);
  });
});

describe("PIN switch on a kitchen screen", () => {
  it("switches the screen to another barista with the right PIN, kitchen-only, and rate-limits guesses", async () => {
    const device = await signIn(await createTestStaff(ctx.stack.prisma, "barista", { name: "Device" }));
    const { id: aliceId } = await addStaff({ prisma: ctx.stack.prisma, email: `alice-${Date.now()}@test.brewline`, name: "Alice", role: "manager", pin: "4321" });

    const wrong = await callAuth(authRequest("/staff/pin-switch", { cookie: device, body: { userId: aliceId, pin: "0000" } }));
    expect(wrong.status).toBe(401);
    const anonymous = await callAuth(authRequest("/staff/pin-switch", { body: { userId: aliceId, pin: "4321" } }));
    expect(anonymous.status).toBe(401);

    const right = await callAuth(authRequest("/staff/pin-switch", { cookie: device, body: { userId: aliceId, pin: "4321" } }));
    expect(right.status).toBe(200);
    const alice = cookieFrom(right);
    // A manager by PIN is a barista: four digits do not open the dashboard.
    expect(await requireStaff(headersWith(alice), "barista")).toMatchObject({ name: "Alice" });
    expect(await errorCode(requireStaff(headersWith(alice), "manager"))).toBe("FORBIDDEN");
    // The screen's previous session is gone.
    expect(await errorCode(requireStaff(headersWith(device), "barista"))).toBe("UNAUTHENTICATED");
    const session = await ctx.stack.prisma.session.findFirst({ where: { userId: aliceId } });
    expect(session?.pinSwitched).toBe(true);
    expect(session!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(4 * 3600 * 1000);
    expect(await ctx.stack.prisma.auditLog.count({ where: { actorId: aliceId, action: "staff.pin_switch" } })).toBe(1);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await callAuth(authRequest("/staff/pin-switch", { cookie: alice, body: { userId: aliceId, pin: `99${i}9` } }))).status);
    }
    // Wrong PINs count (the right one did not): five per five minutes per person, then
    // even the right PIN waits.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await callAuth(authRequest("/staff/pin-switch", { cookie: alice, body: { userId: aliceId, pin: "4321" } }))).status).toBe(429);
  });

  it("counts wrong PINs only: a tablet's many switches lock nobody out, five wrong ones do", async () => {
    let screen = await signIn(await createTestStaff(ctx.stack.prisma, "barista", { name: "Tablet" }));
    const stamp = Date.now();
    const jo = await addStaff({ prisma: ctx.stack.prisma, email: `jo-${stamp}@test.brewline`, name: "Jo", role: "barista", pin: "2468" });
    const kim = await addStaff({ prisma: ctx.stack.prisma, email: `kim-${stamp}@test.brewline`, name: "Kim", role: "barista", pin: "1357" });
    const switchTo = (userId: string, pin: string) => callAuth(authRequest("/staff/pin-switch", { cookie: screen, body: { userId, pin } }));

    // A busy morning: Jo and Kim hand the screen back and forth, more than any limit allows.
    for (let i = 0; i < 12; i++) {
      const response = await switchTo(i % 2 ? kim.id : jo.id, i % 2 ? "1357" : "2468");
      expect(response.status, `switch ${i + 1}`).toBe(200);
      screen = cookieFrom(response);
    }
    // Four slips of the finger by Jo lock no one either.
    for (let i = 0; i < 4; i++) expect((await switchTo(jo.id, "0000")).status).toBe(401);
    const kimAgain = await switchTo(kim.id, "1357");
    expect(kimAgain.status).toBe(200);
    screen = cookieFrom(kimAgain);

    // Jo's fifth wrong PIN is the last one counted; then Jo waits, Kim does not.
    expect((await switchTo(jo.id, "0000")).status).toBe(401);
    expect((await switchTo(jo.id, "2468")).status).toBe(429);
    expect((await switchTo(kim.id, "1357")).status).toBe(200);
  });

  it("lets no more than five of a burst of parallel guesses be checked", async () => {
    const screen = await signIn(await createTestStaff(ctx.stack.prisma, "barista", { name: "Burst" }));
    const { id } = await addStaff({ prisma: ctx.stack.prisma, email: `burst-${Date.now()}@test.brewline`, name: "Target", role: "barista", pin: "8642" });
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => callAuth(authRequest("/staff/pin-switch", { cookie: screen, body: { userId: id, pin: `10${String(i).padStart(2, "0")}` } })).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe("one-time passwords", () => {
  const HOUR = 3600 * 1000;
  const expiryOf = async (id: string) => (await ctx.stack.prisma.user.findUniqueOrThrow({ where: { id } })).oneTimePasswordExpiresAt;
  const signInWith = (email: string, password: string) => callAuth(authRequest("/sign-in/email", { body: { email, password } }));

  it("work for 24 hours from add or reset, and the expiry goes once the password is changed", async () => {
    const before = Date.now();
    const { id, oneTimePassword } = await addStaff({ prisma: ctx.stack.prisma, email: `otp-${before}@test.brewline`, name: "Otto", role: "barista" });
    expect((await expiryOf(id))!.getTime() - before).toBeGreaterThanOrEqual(24 * HOUR);
    expect((await expiryOf(id))!.getTime() - Date.now()).toBeLessThanOrEqual(24 * HOUR);

    const signedIn = await signInWith(`otp-${before}@test.brewline`, oneTimePassword);
    expect(signedIn.status).toBe(200);
    const changed = await callAuth(
      authRequest("/change-password", { cookie: cookieFrom(signedIn), body: { currentPassword: oneTimePassword, newPassword: "otto's own long password", revokeOtherSessions: true } }),
    );
    expect(changed.status).toBe(200);
    expect(await expiryOf(id)).toBeNull();

    const later = new Date(Date.now() + 5 * HOUR);
    await resetStaff({ prisma: ctx.stack.prisma, email: `otp-${before}@test.brewline`, password: true, now: later });
    expect((await expiryOf(id))!.getTime()).toBe(later.getTime() + 24 * HOUR);
  });

  it("refuses an expired one-time password with a way out, and says nothing more to a wrong guess", async () => {
    const email = `expired-${Date.now()}@test.brewline`;
    const { id, oneTimePassword } = await addStaff({ prisma: ctx.stack.prisma, email, name: "Eve", role: "manager" });
    await ctx.stack.prisma.user.update({ where: { id }, data: { oneTimePasswordExpiresAt: new Date(Date.now() - 1000) } });

    const refused = await signInWith(email, oneTimePassword);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      code: "ONE_TIME_PASSWORD_EXPIRED",
      message: `This one-time password has expired; ask a manager to run \`npm run staff -- reset ${email}\``,
    });
    expect(refused.headers.getSetCookie().join("")).not.toMatch(/session_token=[^;]/);
    expect(await ctx.stack.prisma.session.count({ where: { userId: id } })).toBe(0);

    // A wrong password for this account reads exactly like one for no account at all.
    const wrong = await signInWith(email, "not-the-one-time-password");
    const nobody = await signInWith(`nobody-${Date.now()}@test.brewline`, "not-the-one-time-password");
    expect([wrong.status, await wrong.json()]).toEqual([nobody.status, await nobody.json()]);
    expect(wrong.status).toBe(401);

    const { oneTimePassword: fresh } = await resetStaff({ prisma: ctx.stack.prisma, email, password: true });
    expect((await signInWith(email, fresh!)).status).toBe(200);
  });
});
