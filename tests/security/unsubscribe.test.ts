import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { unsubscribeLinksFor } from "../../lib/consent/unsubscribe-links.ts";
import { UNSUBSCRIBE_WINDOWS } from "../../lib/consent/unsubscribe-by-token.ts";
import { send, sendHugeBody } from "./hostile-client.ts";
import { setupSecurityStack } from "./security-stack.ts";

// The public one-click unsubscribe route (RFC 8058) over HTTP against a production build:
// it takes no cookie and no Origin, so junk, big bodies and floods must be cheap to refuse
// and must never unsubscribe anyone.

const sec = setupSecurityStack();
const ONE_CLICK = "List-Unsubscribe=One-Click";
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const PER_MINUTE = UNSUBSCRIBE_WINDOWS.find((w) => w.seconds === 60)!.max;

let victim = { address: "", token: "" };
beforeAll(async () => {
  const address = `victim.${Date.now()}@example.com`;
  const { oneClickUrl } = await unsubscribeLinksFor({ prisma: sec.stack.prisma, recipient: address, publicBaseUrl: sec.baseUrl });
  victim = { address, token: oneClickUrl.split("/").pop()! };
});

const optOuts = () => sec.stack.prisma.optOut.count();
const oneClick = (token: string, options: { from?: string; headers?: Record<string, string> } = {}) =>
  send({ url: `${sec.baseUrl}/api/unsubscribe/${token}`, method: "POST", headers: { ...FORM, ...options.headers }, body: ONE_CLICK, from: options.from });

/** Counting to a per-minute limit must not straddle a minute boundary (the window would reset). */
async function startOfAMinute() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

describe("junk in the token", () => {
  // [token, status]: 404 from the route (or Next.js, once a path normalises elsewhere); 431
  // from Node itself for a request line longer than its header limit.
  const junk: Record<string, [string, number]> = {
    "20 KB": ["A".repeat(20 * 1024), 431],
    "2 KB": ["A".repeat(2 * 1024), 404],
    "65 characters": ["A".repeat(65), 404],
    "a NUL": ["AAAAAAAAAAAAAAAA%00AAAAAAAAAAAAAAA", 404],
    "encoded dot segments": ["..%2F..%2Fapi%2Fhealth", 404],
    "raw ../": ["../../orders", 404],
    "unicode": ["%E2%98%95".repeat(16), 404],
  };

  it.each(Object.entries(junk))("%s: refused on POST and GET, and unsubscribes nobody", async (_name, [token, status]) => {
    const before = await optOuts();
    for (const method of ["POST", "GET"]) {
      const r = await send({ url: `${sec.baseUrl}/api/unsubscribe/${token}`, method, headers: FORM, body: method === "POST" ? ONE_CLICK : undefined, from: "127.0.4.1" });
      expect([method, r.status]).toEqual([method, status]);
    }
    expect(await optOuts()).toBe(before);
  });
});

describe("a well-formed token nobody was given", () => {
  it("is a 404 on POST; a GET only redirects to the page, which is a 404 too", async () => {
    const token = randomBytes(24).toString("base64url");
    const before = await optOuts();
    const posted = await oneClick(token, { from: "127.0.4.1" });
    expect(posted.status).toBe(404);
    expect((posted.json() as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    const got = await send({ url: `${sec.baseUrl}/api/unsubscribe/${token}`, from: "127.0.4.1" });
    expect(got.status).toBe(303);
    expect(got.headers.location).toBe(`/unsubscribe/${token}`);
    expect((await send({ url: `${sec.baseUrl}${got.headers.location}` })).status).toBe(404);
    expect(await optOuts()).toBe(before);
  });
});

describe("a 1 MB body", () => {
  it.each([true, false])("is refused quickly with 413 (length declared: %s), and unsubscribes nobody", async (declareLength) => {
    const before = await optOuts();
    const started = performance.now();
    const result = await sendHugeBody({ url: `${sec.baseUrl}/api/unsubscribe/${victim.token}`, totalBytes: 1024 * 1024, declareLength, headers: FORM });
    expect(result.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await optOuts()).toBe(before);
    expect(await sec.stack.prisma.optOut.count({ where: { recipient: victim.address } })).toBe(0);
  });
});

describe("one address hammering the route", () => {
  it(`is stopped after ${PER_MINUTE} a minute whatever tokens and X-Forwarded-For it sends; another address is served`, async () => {
    await startOfAMinute();
    const statuses: number[] = [];
    for (let i = 0; i < PER_MINUTE + 10; i++) {
      const forged = `203.0.113.${i + 1}`;
      const r = await oneClick(randomBytes(24).toString("base64url"), { from: "127.0.4.2", headers: { "x-forwarded-for": forged, "x-real-ip": forged } });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, PER_MINUTE)).toEqual(Array(PER_MINUTE).fill(404));
    expect(statuses.slice(PER_MINUTE)).toEqual(Array(10).fill(429));

    // Even a real token is refused from there now, with the time to come back.
    const limited = await oneClick(victim.token, { from: "127.0.4.2" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(await sec.stack.prisma.optOut.count({ where: { recipient: victim.address } })).toBe(0);

    const served = await oneClick(victim.token, { from: "127.0.4.3" });
    expect(served.status).toBe(200);
    expect(await sec.stack.prisma.optOut.count({ where: { recipient: victim.address, channel: "EMAIL" } })).toBe(1);
  });
});
