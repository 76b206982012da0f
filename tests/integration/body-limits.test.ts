import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../lib/http/handle-route.ts";
import { MAX_IMAGE_BYTES } from "../../lib/menu-admin/menu-image-files.ts";
import { concretePath, listRouteMethods, paramsFor } from "../support/app-routes.ts";
import { setupRouteTestStack } from "../support/route-stack.ts";
import { staffCookie, TEST_ORIGIN } from "../support/staff-session.ts";

// One body limit for every route: each POST/PUT/PATCH/DELETE under app/ (found on disk,
// so a new route cannot escape) is sent an oversized body twice, as a signed-in manager
// so that every check that could stop it earlier is passed:
//  - declared with Content-Length: refused with 413 before the handler reads anything;
//  - streamed without a length: the route may refuse it for another reason first, but
//    it never reads more than its limit (the bytes the server pulled are counted).

const ctx = setupRouteTestStack();
let cookie = "";
beforeAll(async () => {
  cookie = await staffCookie(ctx.stack.prisma, "manager");
});

const CHUNK = 16 * 1024;
/** The largest body any route takes (menu pictures). */
const LARGEST_LIMIT = Math.max(MAX_BODY_BYTES, MAX_IMAGE_BYTES);

/** A body of `total` bytes that counts what the reader pulled. */
function countingBody(total: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x7b));
    },
  });
  return { stream, pulled: () => pulled };
}

type Handler = (request: Request, context: unknown) => Promise<Response>;

async function call(file: string, urlPath: string, method: string, body: BodyInit, headers: Record<string, string>): Promise<{ status: number; code?: string }> {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, Handler>;
  const request = new Request(`${TEST_ORIGIN}${concretePath(urlPath)}`, {
    method,
    headers: { "content-type": "application/json", origin: TEST_ORIGIN, cookie, "x-forwarded-for": "198.51.100.1", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  const response = await mod[method]!(request, { params: Promise.resolve(paramsFor(urlPath)) });
  const json = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: json.error?.code };
}

const targets = (await listRouteMethods()).filter((r) => r.method !== "GET").map((r) => ({ ...r, name: `${r.method} ${r.urlPath}` }));

describe("the route list", () => {
  it("includes the routes that take bodies, better-auth's among them", () => {
    const names = targets.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["POST /api/orders", "POST /api/auth/[...all]", "POST /api/admin/menu/images", "PATCH /api/admin/store"]));
  });
});

describe.each(targets)("$name", ({ file, urlPath, method }) => {
  it("refuses a body declared too large with 413 before reading it", async () => {
    const body = countingBody(64 * 1024 * 1024);
    const response = await call(file, urlPath, method, body.stream, { "content-length": String(64 * 1024 * 1024) });
    expect(response).toEqual({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(body.pulled()).toBeLessThanOrEqual(CHUNK * 2);
  });

  it("never reads more than its limit of a body sent without a length", async () => {
    const body = countingBody(8 * 1024 * 1024);
    const response = await call(file, urlPath, method, body.stream, {});
    // Refused one way or another (413 when the route reads the body), never served or crashed.
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(body.pulled()).toBeLessThanOrEqual(LARGEST_LIMIT + CHUNK * 2);
  });
});
