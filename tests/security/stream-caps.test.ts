import http from "node:http";
import { describe, expect, it } from "vitest";
import { fakeOrder, postJson } from "./hostile-client.ts";
import { countRows, setupSecurityStack } from "./security-stack.ts";

// Live streams held open by the hundred from one address, over real HTTP against a
// production build: the address gets its cap and no more, whatever it claims to be.

const PER_ADDRESS = 5;
const sec = setupSecurityStack({ env: { STREAM_LIMIT_PER_ADDRESS: String(PER_ADDRESS) } });

type Stream = { status: number; headers: http.IncomingHttpHeaders; text: string; close: () => void };

/** A GET that stays open while the server streams; a refusal is read to its end. */
function openStream(path: string, options: { from: string; headers?: Record<string, string> }): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${sec.baseUrl}${path}`,
      { headers: { accept: "text/event-stream", ...options.headers }, localAddress: options.from, agent: false },
      (response) => {
        const close = () => request.destroy();
        if (response.statusCode === 200) return resolve({ status: 200, headers: response.headers, text: "", close });
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8"), close }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end();
  });
}

describe("a client holding live streams open", () => {
  it(`gets ${PER_ADDRESS} from one address whatever X-Forwarded-For it sends, then 429 with Retry-After; a closed one frees its slot`, async () => {
    const placed = await postJson(`${sec.baseUrl}/api/orders`, fakeOrder(), { from: "127.0.0.3" });
    expect(placed.status, placed.text).toBe(201);
    const token = (placed.json() as { statusUrl: string }).statusUrl.split("/").pop()!;
    const rows = await countRows(sec.stack);
    const attacker = "127.0.0.4";
    const paths = ["/api/menu/events", `/api/orders/${token}/events`];
    const held: Stream[] = [];
    try {
      for (let i = 0; i < PER_ADDRESS; i++) {
        const stream = await openStream(paths[i % 2]!, { from: attacker, headers: { "x-forwarded-for": `203.0.113.${i + 1}` } });
        held.push(stream);
        expect(stream.status).toBe(200);
      }

      for (const path of [...paths, "/api/board/events"]) {
        const refused = await openStream(path, { from: attacker, headers: { "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.1" } });
        expect(refused.status, `${path}: ${refused.text}`).toBe(429);
        expect(refused.headers["retry-after"]).toBe("30");
        expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "RATE_LIMITED", details: { retryAfterSeconds: 30 } } });
      }

      // Another customer, on another network, is not held up by it.
      const neighbour = await openStream(paths[1]!, { from: "127.0.0.5" });
      held.push(neighbour);
      expect(neighbour.status).toBe(200);

      // Hanging up gives the slot back once the server notices the closed socket.
      held.shift()!.close();
      const deadline = Date.now() + 15_000;
      for (;;) {
        const again = await openStream(paths[0]!, { from: attacker });
        if (again.status === 200) {
          held.push(again);
          break;
        }
        expect(again.status).toBe(429);
        if (Date.now() > deadline) throw new Error("the closed stream's slot was not freed in 15 s");
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(await countRows(sec.stack)).toEqual(rows);
    } finally {
      for (const stream of held) stream.close();
    }
  });
});
