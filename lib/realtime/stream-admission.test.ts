import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors.ts";
import { errorToResponse } from "../http/handle-route.ts";
import { setLogDestination } from "../log.ts";
import type { StreamCap } from "./refusal-summary.ts";
import { sseResponse } from "./sse.ts";
import { processStreams, staffReserve, StreamAdmission, streamRoute } from "./stream-admission.ts";

const thrownBy = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("admitted");
};

const refusal = (fn: () => unknown) => {
  const error = thrownBy(fn);
  if (error instanceof AppError) return { code: error.code, status: error.status, details: error.details, message: error.message };
  throw error;
};

describe("StreamAdmission", () => {
  it("refuses an address over its cap with 429 and Retry-After, while other addresses still get in", () => {
    const admission = new StreamAdmission(() => ({ perAddress: 2, perProcess: 100 }));
    admission.admit("public", "198.51.100.1");
    admission.admit("public", "198.51.100.1");
    expect(refusal(() => admission.admit("public", "198.51.100.1"))).toEqual({
      code: "RATE_LIMITED",
      status: 429,
      details: { retryAfterSeconds: 30 },
      message: "Too many live connections from your network; retrying in 30 s",
    });
    admission.admit("public", "198.51.100.2");
    expect(admission.open).toBe(3);
  });

  it("frees the slot on release, once however often release is called, and forgets an address at zero", () => {
    const admission = new StreamAdmission(() => ({ perAddress: 2, perProcess: 100 }));
    const first = admission.admit("public", "a");
    const second = admission.admit("public", "a");
    first();
    first();
    expect(admission.openFrom("a")).toBe(1);
    expect(admission.open).toBe(1);
    admission.admit("public", "a");
    expect(() => admission.admit("public", "a")).toThrow(AppError);
    second();
    expect(admission.openFrom("a")).toBe(1);
    const other = admission.admit("public", "b");
    expect(admission.addresses).toBe(2);
    other();
    expect(admission.addresses).toBe(1);
  });

  it("refuses past the process cap with 503 and Retry-After", () => {
    const admission = new StreamAdmission(() => ({ perAddress: 10, perProcess: 3 }));
    for (const address of ["a", "b", "c"]) admission.admit("public", address);
    expect(refusal(() => admission.admit("public", "d"))).toMatchObject({ code: "UNAVAILABLE", status: 503, details: { retryAfterSeconds: 30 } });
  });

  it("does not count staff streams per address, but toward the process, and keeps them a reserve", () => {
    const admission = new StreamAdmission(() => ({ perAddress: 1, perProcess: 100 }));
    expect(staffReserve(100)).toBe(10);
    // The kitchen's tablets share the café's address with the customers' phones.
    admission.admit("public", "cafe");
    for (let i = 0; i < 5; i++) admission.admit("staff", "cafe");
    expect(admission.openFrom("cafe")).toBe(1);
    expect(admission.open).toBe(6);
    for (let i = 0; i < 84; i++) admission.admit("public", `phone-${i}`);
    // 90 open: public streams have reached the cap less the reserve; staff ones have not.
    expect(refusal(() => admission.admit("public", "someone-else"))).toMatchObject({ code: "UNAVAILABLE" });
    for (let i = 0; i < 10; i++) admission.admit("staff", "cafe");
    expect(refusal(() => admission.admit("staff", "cafe"))).toMatchObject({ code: "UNAVAILABLE" });
  });

  it("reports each refusal with the cap that refused it, and leaves the logging to that report", () => {
    const caps: StreamCap[] = [];
    const admission = new StreamAdmission(() => ({ perAddress: 1, perProcess: 2 }), (cap) => caps.push(cap));
    admission.admit("public", "a");
    const overAddress = thrownBy(() => admission.admit("public", "a"));
    admission.admit("public", "b");
    const overProcess = thrownBy(() => admission.admit("public", "c"));
    expect(caps).toEqual(["address", "process"]);

    const lines: string[] = [];
    setLogDestination({ write: (line: string) => lines.push(line) });
    try {
      expect(errorToResponse(overAddress, "req-1").status).toBe(429);
      const busy = errorToResponse(overProcess, "req-2");
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("30");
    } finally {
      setLogDestination(null);
    }
    expect(lines).toEqual([]);
  });

  it("reads the limits at each admission", () => {
    let perAddress = 1;
    const admission = new StreamAdmission(() => ({ perAddress, perProcess: 100 }));
    admission.admit("public", "a");
    expect(() => admission.admit("public", "a")).toThrow(AppError);
    perAddress = 2;
    admission.admit("public", "a");
  });
});

describe("streamRoute", () => {
  // The process's admission reads the config, which needs a complete environment.
  beforeAll(() => {
    vi.stubEnv("DATABASE_URL", "postgresql://unused@localhost/unused");
    vi.stubEnv("ORDERS_QUEUE_URL", "http://localhost/queue/orders.fifo");
    vi.stubEnv("NOTIFICATIONS_QUEUE_URL", "http://localhost/queue/notifications");
    vi.stubEnv("ORDER_EVENTS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:order-events");
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    vi.stubEnv("STREAM_LIMIT_PER_ADDRESS", "3");
  });
  afterAll(() => vi.unstubAllEnvs());

  const from = (address: string, signal?: AbortSignal) => new Request("http://x/events", { headers: { "x-forwarded-for": address }, signal });
  const tick = () => new Promise((r) => setTimeout(r, 10));

  it("holds the slot while the stream is open and gives it back when the client goes away", async () => {
    const route = streamRoute("public", (request) => sseResponse(request, () => undefined));
    const abort = new AbortController();
    const response = await route(from("203.0.113.5", abort.signal), {});
    expect(response.status).toBe(200);
    expect(processStreams().openFrom("203.0.113.5")).toBe(1);
    abort.abort();
    await tick();
    expect(processStreams().openFrom("203.0.113.5")).toBe(0);
  });

  it("gives the slot back at once when the handler throws or answers without a stream", async () => {
    const before = processStreams().open;
    const missing = streamRoute("public", () => {
      throw new AppError("NOT_FOUND", "no such thing");
    });
    expect((await missing(from("203.0.113.6"), {})).status).toBe(404);
    const plain = streamRoute("staff", () => Response.json({}));
    expect((await plain(from("203.0.113.6"), {})).status).toBe(200);
    expect(processStreams().open).toBe(before);
  });

  it("answers a refusal with 429 and a Retry-After header before the handler runs", async () => {
    let ran = 0;
    const route = streamRoute("public", (request) => {
      ran += 1;
      return sseResponse(request, () => undefined);
    });
    const abort = new AbortController();
    const limit = 3;
    for (let i = 0; i < limit; i++) expect((await route(from("203.0.113.7", abort.signal), {})).status).toBe(200);
    const refused = await route(from("203.0.113.7"), {});
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(ran).toBe(limit);
    abort.abort();
    await tick();
    expect(processStreams().openFrom("203.0.113.7")).toBe(0);
  });
});
