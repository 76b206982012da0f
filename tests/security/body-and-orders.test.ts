import { describe, expect, it } from "vitest";
import { countRows, groupRssBytes, setupSecurityStack } from "./security-stack.ts";
import { fakeOrder, postJson, send, sendHugeBody } from "./hostile-client.ts";

// Attacks on the public web server that cost it memory or bury the kitchen, replayed
// over HTTP against a production build with the app's default limits.

const sec = setupSecurityStack();
const MiB = 1024 * 1024;

/** The largest resident size of the web's process group while `work` runs. */
async function peakRss(work: () => Promise<unknown>): Promise<{ before: number; peak: number }> {
  const pgid = sec.web.child.process.pid!;
  const before = groupRssBytes(pgid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, groupRssBytes(pgid))), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { before, peak: Math.max(peak, groupRssBytes(pgid)) };
}

/** Counting to a per-minute limit must not straddle a minute boundary (the window would reset). */
async function startOfAMinute() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

describe("a 200 MB body", () => {
  it.each([
    ["to staff sign-in, sent without a length", "/api/auth/sign-in/email", false],
    ["to staff sign-in, with its length declared", "/api/auth/sign-in/email", true],
    ["to the order API, sent without a length", "/api/orders", false],
    ["to the PIN switch, sent without a length", "/api/auth/staff/pin-switch", false],
  ] as const)("%s is refused with 413 and the web grows by less than 64 MiB", async (name, path, declareLength) => {
    const rows = await countRows(sec.stack);
    let result = { status: 0, sentBytes: 0 };
    const { before, peak } = await peakRss(async () => {
      result = await sendHugeBody({ url: `${sec.baseUrl}${path}`, totalBytes: 200 * MiB, declareLength, headers: { origin: "http://localhost:3000" } });
    });
    console.log(`[security] 200 MB ${name}: ${result.status}, ${(result.sentBytes / MiB).toFixed(1)} MiB sent, web +${((peak - before) / MiB).toFixed(1)} MiB`);
    expect(result.status).toBe(413);
    // Refused early: nowhere near the whole body was taken.
    expect(result.sentBytes).toBeLessThan(64 * MiB);
    expect(peak - before).toBeLessThan(64 * MiB);
    expect((await send({ url: `${sec.baseUrl}/api/health` })).status).toBe(200);
    expect(await countRows(sec.stack)).toEqual(rows);
  });
});

describe("a script placing fake orders", () => {
  it("gets 30 a minute from one address, whatever device ids and X-Forwarded-For it sends", async () => {
    await startOfAMinute();
    const before = await countRows(sec.stack);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const forged = `203.0.113.${i + 1}`;
      const r = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder(), { from: "127.0.0.2", headers: { "x-forwarded-for": forged, "x-real-ip": forged } });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
        expect((r.json() as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
      }
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    const after = await countRows(sec.stack);
    expect(after.orders - before.orders).toBe(30);
    // A customer on another address is served meanwhile.
    expect((await postJson(`${sec.baseUrl}/api/orders`, fakeOrder(), { from: "127.0.0.3" })).status).toBe(201);
  });

  it("cannot fill the kitchen beyond a new store's open-orders limit from many addresses", async () => {
    const open = async () => sec.stack.prisma.order.count({ where: { status: { in: ["PLACED", "QUEUED", "IN_PROGRESS"] } } });
    let address = 10;
    while ((await open()) < 40) {
      const r = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder(), { from: `127.0.1.${address++}` });
      expect(r.status).toBe(201);
    }
    const before = await countRows(sec.stack);
    const refused = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder(), { from: `127.0.1.${address++}` });
    expect(refused.status).toBe(409);
    expect((refused.json() as { error: { code: string } }).error.code).toBe("AT_CAPACITY");
    expect(await countRows(sec.stack)).toEqual(before);
  });
});
