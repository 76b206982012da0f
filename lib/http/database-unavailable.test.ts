import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-unavailable.ts";

const named = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name }, extra);

describe("isDatabaseUnavailable", () => {
  it("recognises Prisma connection error codes", () => {
    expect(isDatabaseUnavailable(named("PrismaClientKnownRequestError", "Can't reach database server", { code: "P1001" }))).toBe(true);
    expect(isDatabaseUnavailable(named("PrismaClientKnownRequestError", "Timed out fetching a new connection", { code: "P2024" }))).toBe(true);
    expect(isDatabaseUnavailable(named("PrismaClientInitializationError", "whatever"))).toBe(true);
  });

  it("recognises driver adapter error kinds on any Prisma code (e.g. raw queries)", () => {
    const raw = named("PrismaClientKnownRequestError", "Raw query failed", {
      code: "P2010",
      meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 } } },
    });
    expect(isDatabaseUnavailable(raw)).toBe(true);
    const shutdown = named("PrismaClientKnownRequestError", "terminating", {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } },
    });
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
  });

  it("recognises raw pg and socket errors, including nested causes", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(named("DatabaseError", "the database system is starting up", { code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "ECONNRESET" }) }))).toBe(true);
  });

  it("does not treat ordinary failures as an outage", () => {
    expect(isDatabaseUnavailable(named("PrismaClientKnownRequestError", "Unique constraint failed", { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(named("DatabaseError", 'relation "x" does not exist', { code: "42P01" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("Connection terminated")).toBe(false);
  });
});
