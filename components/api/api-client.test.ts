import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, fieldErrorsOf, retryAfterSeconds } from "./api-client.ts";
import { busyMessage, CUT_OFF_MESSAGE, failureMessage, OFFLINE_MESSAGE, SESSION_ENDED_MESSAGE } from "./error-messages.ts";

// The client against a real HTTP server on a free port: each path answers one way, as
// our routes (lib/http/handle-route.ts), better-auth, a dropped connection or a proxy do.

type Seen = { method?: string; contentType?: string; accept?: string; body: string };
let seen: Seen = { body: "" };
let server: Server;
let base = "";

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

function answer(req: IncomingMessage, res: ServerResponse, body: string) {
  seen = { method: req.method, contentType: req.headers["content-type"], accept: req.headers.accept, body };
  switch (req.url) {
    case "/api/echo":
      return json(res, 200, { got: body === "" ? null : (JSON.parse(body) as unknown) });
    case "/api/empty":
      res.writeHead(204);
      return res.end();
    case "/api/conflict":
      return json(res, 409, { error: { code: "CONFLICT", message: "ticket #12 was already started by Sam" } });
    case "/api/validation":
      return json(res, 400, { error: { code: "VALIDATION", message: "invalid", details: { issues: [{ path: "items[0].quantity", message: "too many" }], fields: { subject: "unknown placeholder" } } } });
    case "/api/rate-limited":
      return json(res, 429, { error: { code: "RATE_LIMITED" } }, { "Retry-After": "30" });
    case "/api/unavailable":
      return json(res, 503, { error: { code: "UNAVAILABLE", message: "We can't take orders for a moment, please try again" } }, { "Retry-After": "5" });
    case "/api/better-auth":
      return json(res, 403, { code: "INVALID_ORIGIN", message: "Invalid origin" });
    case "/api/better-auth-limit":
      return json(res, 429, { message: "" }, { "X-Retry-After": "90" });
    case "/api/signed-out":
      return json(res, 401, { error: { code: "UNAUTHENTICATED", message: "sign in first" } });
    case "/api/proxy-down":
      res.writeHead(502, { "Content-Type": "text/html" });
      return res.end("<html>Bad gateway</html>");
    case "/api/crash":
      return json(res, 500, { error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again (reference r1)." } });
    case "/api/not-json":
      res.writeHead(500, { "Content-Type": "text/plain" });
      return res.end("oops");
    case "/api/cut-off":
      // A success whose body stops halfway: the connection drops after the first bytes.
      res.writeHead(201, { "Content-Type": "application/json", "Content-Length": "200" });
      res.write('{"ticketNumber": 12, "statusUrl": "/ord');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    case "/api/slow":
      setTimeout(() => json(res, 200, { late: true }), 2_000);
      return;
    default:
      return json(res, 404, { error: { code: "NOT_FOUND", message: "no such thing" } });
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => answer(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("callApi", () => {
  it("sends JSON and returns the parsed answer", async () => {
    const result = await callApi<{ got: unknown }>(`${base}/api/echo`, { method: "POST", body: { a: 1 } });
    expect(result).toEqual({ ok: true, status: 200, data: { got: { a: 1 } } });
    expect(seen).toEqual({ method: "POST", contentType: "application/json", accept: "application/json", body: '{"a":1}' });
  });

  it("GETs by default, with no body and no Content-Type", async () => {
    expect(await callApi(`${base}/api/echo`)).toMatchObject({ ok: true, data: { got: null } });
    expect(seen).toMatchObject({ method: "GET", contentType: undefined, body: "" });
  });

  it("sends a Blob as is, with its own type", async () => {
    await callApi(`${base}/api/echo`, { method: "POST", raw: new Blob(['{"raw":true}'], { type: "image/webp" }) });
    expect(seen).toMatchObject({ method: "POST", contentType: "image/webp", body: '{"raw":true}' });
  });

  it("takes an empty answer (204) as success with no data", async () => {
    expect(await callApi(`${base}/api/empty`, { method: "DELETE" })).toEqual({ ok: true, status: 204, data: null });
  });

  it("reads our error shape: code, the server's message (capitalised), field errors", async () => {
    const conflict = await callApi(`${base}/api/conflict`, { method: "POST", body: {} });
    expect(conflict).toMatchObject({ ok: false, kind: "refused", status: 409, code: "CONFLICT", serverMessage: "ticket #12 was already started by Sam", message: "Ticket #12 was already started by Sam" });
    const invalid = await callApi(`${base}/api/validation`, { method: "POST", body: {} });
    expect(invalid).toMatchObject({ kind: "refused", status: 400, code: "VALIDATION", fields: { items: "too many", subject: "unknown placeholder" } });
    expect(invalid.ok ? null : invalid.body).toMatchObject({ error: { details: { issues: [{ path: "items[0].quantity" }] } } });
  });

  it("reads Retry-After on 429 and 503, and says when to come back when the server did not say why", async () => {
    const limited = await callApi(`${base}/api/rate-limited`, { method: "POST", body: {} });
    expect(limited).toMatchObject({ kind: "refused", status: 429, code: "RATE_LIMITED", retryAfterSeconds: 30, message: "The server is busy. Please try again in 30 s." });
    const unavailable = await callApi(`${base}/api/unavailable`);
    expect(unavailable).toMatchObject({ status: 503, code: "UNAVAILABLE", retryAfterSeconds: 5, message: "We can't take orders for a moment, please try again" });
  });

  it("reads better-auth's shape ({ code, message }) and its X-Retry-After", async () => {
    expect(await callApi(`${base}/api/better-auth`, { method: "POST", body: {} })).toMatchObject({ kind: "refused", status: 403, code: "INVALID_ORIGIN", serverMessage: "Invalid origin" });
    expect(await callApi(`${base}/api/better-auth-limit`, { method: "POST", body: {} })).toMatchObject({ status: 429, retryAfterSeconds: 90, serverMessage: undefined, message: "The server is busy. Please try again in 2 min." });
  });

  it("says a 401 ended the session, whatever the server called it", async () => {
    expect(await callApi(`${base}/api/signed-out`)).toMatchObject({ kind: "refused", status: 401, code: "UNAUTHENTICATED", serverMessage: "sign in first", message: SESSION_ENDED_MESSAGE });
  });

  it("answers a refusal without our JSON (a proxy's page) by status", async () => {
    expect(await callApi(`${base}/api/proxy-down`)).toMatchObject({ kind: "refused", status: 502, code: undefined, body: null, message: busyMessage(null) });
    expect(await callApi(`${base}/api/not-json`)).toMatchObject({ kind: "refused", status: 500, message: "Something went wrong (500). Please try again." });
    expect(await callApi(`${base}/api/crash`)).toMatchObject({ status: 500, code: "INTERNAL", message: "Something went wrong on our side. Please try again (reference r1)." });
  });

  it("tells a success cut off mid-body from one that arrived", async () => {
    const result = await callApi(`${base}/api/cut-off`, { method: "POST", body: {} });
    expect(result).toMatchObject({ ok: false, kind: "cut-off", status: 201, message: CUT_OFF_MESSAGE });
  });

  it("tells no answer at all (nothing listening) as offline", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await callApi(`http://127.0.0.1:${port}/api/echo`, { method: "POST", body: {} })).toMatchObject({ ok: false, kind: "offline", status: 0, message: OFFLINE_MESSAGE });
  });

  it("stops when the caller's signal aborts, with nothing to say", async () => {
    const abort = new AbortController();
    const pending = callApi(`${base}/api/slow`, { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, kind: "aborted", status: 0, message: "" });
  });

  it("uses an injected fetch, and never rejects even when it throws", async () => {
    const failing = (() => Promise.reject(new TypeError("Failed to fetch"))) as typeof fetch;
    expect(await callApi("/api/orders", { method: "POST", body: {}, fetch: failing })).toMatchObject({ kind: "offline", message: OFFLINE_MESSAGE });
    const answering = (async (input: RequestInfo | URL, init?: RequestInit) => {
      expect(input).toBe("/api/orders");
      expect(init).toMatchObject({ method: "POST", cache: "no-store", body: '{"x":1}' });
      return new Response("{", { status: 201 });
    }) as typeof fetch;
    expect(await callApi("/api/orders", { method: "POST", body: { x: 1 }, fetch: answering })).toMatchObject({ kind: "cut-off", status: 201 });
  });
});

describe("error messages", () => {
  it("prefer the server's message, then busy with the wait, then a generic one", () => {
    expect(failureMessage(409, "sold out", null)).toBe("Sold out");
    expect(failureMessage(503, undefined, 5)).toBe("The server is busy. Please try again in 5 s.");
    expect(failureMessage(504, undefined, null)).toBe("The server is busy. Please try again in a moment.");
    expect(failureMessage(418, undefined, null)).toBe("Something went wrong (418). Please try again.");
    expect(failureMessage(401, "whatever", null)).toBe(SESSION_ENDED_MESSAGE);
  });
});

describe("helpers", () => {
  it("reads Retry-After in seconds or as a date", () => {
    expect(retryAfterSeconds("12")).toBe(12);
    expect(retryAfterSeconds(new Date(1_000_000 + 90_000).toUTCString(), 1_000_000)).toBe(90);
    expect(retryAfterSeconds("soon")).toBeNull();
  });

  it("keys field errors by the top-level field", () => {
    expect(fieldErrorsOf({ error: { details: { issues: [{ path: "groupIds[2]", message: "not a menu id" }, { path: "", message: "bad" }] } } })).toEqual({ groupIds: "not a menu id", form: "bad" });
    expect(fieldErrorsOf("nonsense")).toEqual({});
  });
});
