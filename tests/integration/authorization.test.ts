import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffRole } from "../../lib/auth/roles.ts";
import { APP_DIR, concretePath, filesNamed, listRouteMethods, paramsFor, urlPathOf } from "../support/app-routes.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffCookie, TEST_ORIGIN } from "../support/staff-session.ts";

// Every route handler, page and server action under app/, found on disk, is called
// anonymously, as a barista and as a manager. Only the allowlist below may answer
// strangers; everything else must refuse them (401 / redirect to sign-in), refuse a
// barista where a manager is needed (403 / the "not allowed" page), and refuse a
// state-changing call from another origin (403). A new route or page without a check
// fails here.

// Pages read the session through next/headers, which only works inside a Next.js
// request; here it answers with the headers of the call being made.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers, cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));

/** Public: customers (anonymous, links are capabilities), the TV board, probes, sign-in. */
const PUBLIC_ROUTES = new Set([
  "/api/orders",
  "/api/orders/[token]",
  "/api/orders/[token]/cancel",
  "/api/orders/[token]/events",
  // Opens the order's hosted checkout (the token is the capability, like the status page).
  "/api/orders/[token]/checkout",
  // Push on/off for the order's browser (the token is the capability; rate-limited per address).
  "/api/orders/[token]/push",
  // Stripe's webhook: no session, every request must carry Stripe's signature.
  "/api/payments/stripe/webhook",
  "/api/menu",
  "/api/menu/events",
  "/api/store",
  // The pickup slots on offer (one shared read per 2 s, tests/security/scheduled-slots.test.ts).
  "/api/store/slots",
  "/api/board",
  "/api/board/events",
  "/api/health",
  "/api/ready",
  // Its own bearer token (METRICS_TOKEN; 404 without one).
  "/api/metrics",
  // Menu pictures uploaded by a manager, shown to customers on the menu.
  "/api/menu-images/[name]",
  // better-auth: sign-in, sign-out, session, change-password, PIN switch (each checks itself).
  "/api/auth/[...all]",
  // An email's one-click unsubscribe (RFC 8058): mail providers POST with no session; the token is the capability.
  "/api/unsubscribe/[token]",
]);
const PUBLIC_PAGES = new Set(["/", "/orders/[token]", "/my-orders", "/board", "/sign-in", "/not-allowed", "/unsubscribe/[token]"]);

/** The role a non-public path needs; anything not named here is a manager's. */
function roleFor(urlPath: string, method: string): StaffRole {
  if (urlPath === "/api/kds/settings" && method !== "GET") return "manager";
  if (urlPath === "/kds" || urlPath.startsWith("/api/kds/")) return "barista";
  return "manager";
}

type Who = "anonymous" | StaffRole;
const ctx = setupRouteTestStack();
const cookies: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  cookies.barista = await staffCookie(ctx.stack.prisma, "barista");
  cookies.manager = await staffCookie(ctx.stack.prisma, "manager");
});

/** Headers of a call from the shop's own pages, or from `origin` (null: no Origin header at all). */
function headersAs(who: Who, origin: string | null = TEST_ORIGIN): Headers {
  const headers = new Headers({ "content-type": "application/json" });
  if (origin !== null) headers.set("origin", origin);
  if (who !== "anonymous") headers.set("cookie", cookies[who]!);
  return headers;
}

async function callRoute(file: string, method: string, who: Who, origin?: string | null): Promise<number> {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, (r: Request, c: unknown) => Promise<Response>>;
  const urlPath = urlPathOf(file);
  const abort = new AbortController();
  const body = method === "GET" || method === "DELETE" ? undefined : "{}";
  const response = await mod[method]!(new Request(`http://localhost:3000${concretePath(urlPath)}`, { method, headers: headersAs(who, origin), body, signal: abort.signal }), {
    params: Promise.resolve(paramsFor(urlPath)),
  });
  // Event streams stay open: end them once the status is known.
  abort.abort();
  await response.body?.cancel().catch(() => undefined);
  return response.status;
}

/** Where a page sent the caller ("rendered" when it did not redirect; other errors count as rendered). */
async function callPage(file: string, who: Who): Promise<string> {
  const mod = (await import(pathToFileURL(file).href)) as { default: (props: unknown) => Promise<unknown> };
  const urlPath = urlPathOf(file);
  request.headers = headersAs(who);
  try {
    await mod.default({ params: Promise.resolve(paramsFor(urlPath)), searchParams: Promise.resolve({}) });
    return "rendered";
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2]!;
    return "rendered";
  }
}

const routes = await filesNamed(APP_DIR, /^route\.tsx?$/);
const pages = await filesNamed(APP_DIR, /^page\.tsx?$/);
const actionFiles = (
  await Promise.all((await filesNamed(APP_DIR, /\.tsx?$/)).map(async (f) => ((await readFile(f, "utf8")).match(/^\s*["']use server["']/) ? f : null)))
).filter((f): f is string => f !== null);

describe("the route list", () => {
  it("finds the routes and pages, and the allowlists name only ones that exist", () => {
    const routePaths = routes.map(urlPathOf);
    const pagePaths = pages.map(urlPathOf);
    expect(routePaths).toContain("/api/kds/tickets/[id]/start");
    expect(pagePaths).toContain("/kds");
    for (const p of PUBLIC_ROUTES) expect(routePaths).toContain(p);
    for (const p of PUBLIC_PAGES) expect(pagePaths).toContain(p);
  });
});

const guardedRoutes = (await listRouteMethods())
  .filter((r) => !PUBLIC_ROUTES.has(r.urlPath))
  .map(({ file, method, urlPath }) => ({ file, method, name: `${method} ${urlPath}`, role: roleFor(urlPath, method) }));

describe.each(guardedRoutes)("$name", ({ file, method, role }) => {
  it("refuses anonymous callers with 401", async () => {
    expect(await callRoute(file, method, "anonymous")).toBe(401);
  });
  it(role === "manager" ? "refuses a barista with 403; lets a manager in" : "lets a barista and a manager in", async () => {
    const barista = await callRoute(file, method, "barista");
    if (role === "manager") expect(barista).toBe(403);
    else expect([401, 403]).not.toContain(barista);
    expect([401, 403]).not.toContain(await callRoute(file, method, "manager"));
  });
});

/**
 * A digest of every table a request could change (not the session and rate-limit
 * bookkeeping that reading a session or counting a request touches).
 */
async function databaseDigest(): Promise<Record<string, string>> {
  const tables = await ctx.stack.prisma.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('Session', 'RateLimitHit', 'AuthRateLimit', 'WorkerHeartbeat', '_prisma_migrations')`;
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await ctx.stack.prisma.$queryRawUnsafe<{ h: string }[]>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`);
    digest[name] = row!.h;
  }
  return digest;
}

// Every cookie-authenticated state-changing route, called with a manager's cookie (who
// may do anything) from another site, or with no Origin at all: refused before
// anything happens. tests/integration/origin-check.test.ts replays real actions.
const stateChanging = guardedRoutes.filter((r) => r.method !== "GET");

describe.each(stateChanging)("$name from another site", ({ file, method }) => {
  it("is refused (403) whatever the cookie, and changes nothing", async () => {
    const before = await databaseDigest();
    expect(await callRoute(file, method, "manager", "https://evil.example")).toBe(403);
    expect(await callRoute(file, method, "manager", null)).toBe(403);
    expect(await callRoute(file, method, "manager", "null")).toBe(403);
    expect(await databaseDigest()).toEqual(before);
  });
});

const guardedPages = pages.filter((f) => !PUBLIC_PAGES.has(urlPathOf(f))).map((file) => ({ file, name: urlPathOf(file), role: roleFor(urlPathOf(file), "GET") }));

describe.each(guardedPages)("page $name", ({ file, name, role }) => {
  it("sends anonymous visitors to sign-in, and back here afterwards", async () => {
    expect(await callPage(file, "anonymous")).toBe(`/sign-in?next=${encodeURIComponent(name)}`);
  });
  it(role === "manager" ? "sends a barista to 'not allowed'; lets a manager in" : "lets a barista and a manager in", async () => {
    const barista = await callPage(file, "barista");
    if (role === "manager") expect(barista).toMatch(/^\/not-allowed/);
    else expect(barista).not.toMatch(/^\/(sign-in|not-allowed)/);
    expect(await callPage(file, "manager")).not.toMatch(/^\/(sign-in|not-allowed)/);
  });
});

describe("public pages and routes", () => {
  it.each([...PUBLIC_PAGES].filter((p) => p !== "/orders/[token]"))("page %s opens without signing in", async (urlPath) => {
    const file = pages.find((f) => urlPathOf(f) === urlPath)!;
    expect(await callPage(file, "anonymous")).not.toMatch(/^\/(sign-in|not-allowed)/);
  });
});

describe.each(actionFiles.map((file) => ({ file, name: path.relative(APP_DIR, file) })))("server actions in $name", ({ file }) => {
  it("refuse anonymous callers before doing anything", async () => {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    request.headers = headersAs("anonymous");
    for (const [name, action] of Object.entries(mod)) {
      if (typeof action !== "function") continue;
      const outcome = await (action as (...a: unknown[]) => Promise<unknown>)(undefined, new FormData()).then(
        () => "done",
        (error: { code?: string; digest?: string }) => error.code ?? error.digest?.split(";")[2] ?? "error",
      );
      expect([name, outcome]).toEqual([name, expect.stringMatching(/^(UNAUTHENTICATED|\/sign-in)/)]);
    }
  });
});
