import { randomUUID } from "node:crypto";
import http from "node:http";

// A hostile client over real HTTP: any headers, any body size, and any loopback source
// address (127.0.0.0/8 all reach this machine, so each one is a different "customer"
// to a server that reads the client's address from the socket).

export type HostileResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; json: () => unknown };

export function send(options: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Source address, e.g. 127.0.0.7. */
  from?: string;
}): Promise<HostileResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(options.url, { method: options.method ?? "GET", headers: options.headers, localAddress: options.from }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/**
 * Streams `totalBytes` to the server as fast as it takes them, stopping as soon as it
 * answers (or drops the connection). Resolves with the status (0 = connection closed
 * without an answer) and how much was sent.
 */
export function sendHugeBody(options: { url: string; totalBytes: number; declareLength: boolean; headers?: Record<string, string> }): Promise<{ status: number; sentBytes: number }> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve) => {
    let sentBytes = 0;
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, sentBytes });
    };
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    if (options.declareLength) headers["content-length"] = String(options.totalBytes);
    const req = http.request(options.url, { method: "POST", headers }, (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.on("error", () => finish(0));
    const pump = () => {
      while (!done && sentBytes < options.totalBytes) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

let seq = 0;
/** A well-formed order from a "new phone": a fresh device id and idempotency key every time. */
export function fakeOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    idempotencyKey: `hostile-${randomUUID()}`,
    deviceId: `device-${randomUUID()}`,
    customerName: `Fake ${seq}`,
    items: [{ menuItemId: "espresso", quantity: 1 }],
    ...overrides,
  };
}

export const postJson = (url: string, body: unknown, options: { from?: string; headers?: Record<string, string> } = {}) =>
  send({ url, method: "POST", headers: { "content-type": "application/json", ...options.headers }, body: JSON.stringify(body), from: options.from });
