import { describe, expect, it } from "vitest";
import { generateOneTimePassword, hashSecret, MIN_PASSWORD_LENGTH, PIN_PATTERN, verifyOrDecoy, verifySecret } from "./passwords.ts";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right secret", async () => {
    const hash = await hashSecret("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifySecret(hash, "correct horse battery")).toBe(true);
    expect(await verifySecret(hash, "wrong")).toBe(false);
    expect(await verifySecret("not a hash", "x")).toBe(false);
  });

  it("answers false for a missing hash after doing the same work", async () => {
    expect(await verifyOrDecoy(null, "1234")).toBe(false);
    expect(await verifyOrDecoy(await hashSecret("1234"), "1234")).toBe(true);
  });

  it("makes long, different one-time passwords", () => {
    const a = generateOneTimePassword();
    expect(a.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(a).not.toBe(generateOneTimePassword());
    expect(a).not.toMatch(/[0O1lI]/);
  });

  it("takes PINs of 4 to 6 digits", () => {
    expect(PIN_PATTERN.test("1234")).toBe(true);
    expect(PIN_PATTERN.test("123456")).toBe(true);
    expect(PIN_PATTERN.test("123")).toBe(false);
    expect(PIN_PATTERN.test("1234567")).toBe(false);
    expect(PIN_PATTERN.test("12a4")).toBe(false);
  });
});
