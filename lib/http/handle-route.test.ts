import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { setLogDestination } from "../log.ts";
import { describeZodError, handleRoute, loggedByThrower, MAX_BODY_BYTES, readJsonBody, UNAVAILABLE_MESSAGE } from "./handle-route.ts";

const url = "http://localhost/api/test";

const jsonRequest = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

const echo = handleRoute(async (request) => Response.json({ got: await readJsonBody(request) }));
const throwing = (error: unknown) =>
  handleRoute(() => {
    throw error;
  });

async function call(handler: (r: Request, c: unknown) => Promise<Response>, request = new Request(url)) {
  const response = await handler(request, {});
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error?: Record<string, unknown> } };
}

describe("handleRoute", () => {
  it("passes a successful response through with a request id", async () => {
    const { status, headers, body } = await call(echo, jsonRequest(JSON.stringify({ a: 1 })));
    expect(status).toBe(200);
    expect(body).toEqual({ got: { a: 1 } });
    expect(headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a well-formed X-Request-Id from the caller and replaces a bad one", async () => {
    const ok = await call(echo, jsonRequest("{}", { "x-request-id": "abc-123" }));
    expect(ok.headers.get("x-request-id")).toBe("abc-123");
    const bad = await call(echo, jsonRequest("{}", { "x-request-id": "<script>" }));
    expect(bad.headers.get("x-request-id")).not.toBe("<script>");
  });

  it("maps AppError to its status and code", async () => {
    const { status, body } = await call(throwing(new AppError("CONFLICT", "Latte is sold out", { line: 0 })));
    expect(status).toBe(409);
    expect(body).toEqual({ error: { code: "CONFLICT", message: "Latte is sold out", details: { line: 0 } } });
  });

  it("maps a rate limit to 429 with Retry-After in whole seconds", async () => {
    const { status, headers, body } = await call(throwing(new AppError("RATE_LIMITED", "slow down", { retryAfterSeconds: 41.2 })));
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toBe("42");
    expect(body.error).toMatchObject({ code: "RATE_LIMITED", message: "slow down" });
    expect((await call(throwing(new AppError("CONFLICT", "x")))).headers.get("retry-after")).toBeNull();
  });

  it("logs a failed request, unless whoever threw the error logs it its own way", async () => {
    const busy = () => new AppError("UNAVAILABLE", "busy", { retryAfterSeconds: 30 });
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => lines.push(line) });
    try {
      await call(throwing(busy()));
      const quiet = await call(throwing(loggedByThrower(busy())));
      expect(quiet.status).toBe(503);
      expect(quiet.headers.get("retry-after")).toBe("30");
      expect(quiet.body).toEqual({ error: { code: "UNAVAILABLE", message: "busy", details: { retryAfterSeconds: 30 } } });
    } finally {
      setLogDestination(null);
    }
    expect(lines.map((line) => (JSON.parse(line) as { msg: string; code: string }))).toMatchObject([{ msg: "request failed", code: "UNAVAILABLE" }]);
  });

  it("maps zod errors to 400 listing each path and message", async () => {
    const schema = z.object({ items: z.array(z.object({ quantity: z.number({ error: "quantity must be a number" }) })), name: z.string({ error: "name is required" }) });
    const parsed = schema.safeParse({ items: [{ quantity: "two" }] });
    const { status, body } = await call(throwing(parsed.error));
    expect(status).toBe(400);
    expect(body.error?.code).toBe("VALIDATION");
    expect(body.error?.message).toBe("items[0].quantity: quantity must be a number; name: name is required");
    expect(body.error?.details).toEqual({
      issues: [
        { path: "items[0].quantity", message: "quantity must be a number" },
        { path: "name", message: "name is required" },
      ],
    });
  });

  it("maps an unreachable database to 503 with a retry message", async () => {
    const prismaLike = Object.assign(new Error("Can't reach database server at 127.0.0.1"), {
      name: "PrismaClientKnownRequestError",
      code: "P1001",
    });
    const { status, headers, body } = await call(throwing(prismaLike));
    expect(status).toBe(503);
    expect(headers.get("retry-after")).toBe("5");
    expect(body).toEqual({ error: { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE } });
  });

  it("hides unexpected errors behind a generic 500 with a request id", async () => {
    const { status, headers, body } = await call(throwing(new TypeError("cannot read properties of undefined (secret detail)")));
    expect(status).toBe(500);
    expect(body.error?.code).toBe("INTERNAL");
    expect(body.error?.requestId).toBe(headers.get("x-request-id"));
    expect(JSON.stringify(body)).not.toContain("secret detail");
    expect(JSON.stringify(body)).not.toContain("at ");
  });
});

describe("readJsonBody", () => {
  it("rejects a body that is not JSON", async () => {
    for (const raw of ["{not json", "", "   "]) {
      const { status, body } = await call(echo, jsonRequest(raw));
      expect(status).toBe(400);
      expect(body.error?.message).toBe("body must be JSON");
    }
  });

  it("rejects a request without a JSON content type", async () => {
    const { status, body } = await call(echo, new Request(url, { method: "POST", body: "{}", headers: { "content-type": "text/plain" } }));
    expect(status).toBe(400);
    expect(body.error?.message).toMatch(/body must be JSON/);
  });

  it("rejects invalid UTF-8", async () => {
    const { status } = await call(echo, jsonRequest(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    expect(status).toBe(400);
  });

  it("rejects a declared Content-Length over the limit without reading", async () => {
    const request = jsonRequest("{}", { "content-length": String(MAX_BODY_BYTES + 1) });
    const { status, body } = await call(echo, request);
    expect(status).toBe(413);
    expect(body.error?.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("counts the bytes actually read when the length is not declared", async () => {
    const chunk = new TextEncoder().encode(`"${"x".repeat(8 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request(url, { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    const { status } = await call(echo, request);
    expect(status).toBe(413);
    // It stopped soon after passing the limit instead of reading all 800 KB.
    expect(sent).toBeLessThan(10);
  });

  it("accepts a body right at the limit", async () => {
    const value = "y".repeat(MAX_BODY_BYTES - 2);
    const { status, body } = await call(echo, jsonRequest(JSON.stringify(value)));
    expect(status).toBe(200);
    expect((body as { got: string }).got).toHaveLength(MAX_BODY_BYTES - 2);
  });
});

describe("describeZodError", () => {
  it("lists root-level problems without a path", () => {
    const result = z.strictObject({}).safeParse({ extra: 1 });
    expect(describeZodError(result.error!)).toMatch(/extra/);
  });
});
