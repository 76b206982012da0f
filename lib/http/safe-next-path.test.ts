import { describe, expect, it } from "vitest";
import { MAX_NEXT_LENGTH, safeNextPath } from "./safe-next-path.ts";

/** Where a browser on https://shop.example would end up following `location`. */
const landsOn = (location: string) => new URL(location, "https://shop.example").origin;

describe("safeNextPath", () => {
  it.each([
    "/kds",
    "/dashboard",
    "/dashboard/menu",
    "/kds?station=Brew%20bar",
    "/dashboard?from=2026-01-01&to=2026-01-31#orders",
    "/caf%C3%A9",
  ])("keeps the same-site path %s as it is", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it("normalises what it keeps", () => {
    expect(safeNextPath("/dashboard/../kds")).toBe("/kds");
    expect(safeNextPath("/kds/./?station=Brew%20bar")).toBe("/kds/?station=Brew%20bar");
  });

  it.each([
    ["protocol-relative", "//evil.example"],
    ["backslash after the slash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a tab the browser strips (as Next decodes /%09/evil.example)", "/\t/evil.example"],
    ["a newline the browser strips", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["an absolute URL", "https://evil.example/kds"],
    ["an absolute URL without a scheme's slashes", "https:evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a leading space", " /kds"],
    ["a trailing newline", "/kds\n"],
    ["a non-breaking space", "/kds\u00a0"],
    ["a zero-width character", "/\u200b/evil.example"],
    ["a NUL", "/kds\u0000"],
    ["dot segments that normalise to //", "/.//evil.example"],
    ["parent segments that normalise to //", "/x/..//evil.example"],
    ["encoded dots that normalise to //", "/%2e%2e//evil.example"],
    ["a relative path", "kds"],
    ["an empty string", ""],
    ["very long", `/${"a".repeat(MAX_NEXT_LENGTH)}`],
  ])("refuses %s", (_, hostile) => {
    expect(safeNextPath(hostile)).toBe("/kds");
  });

  it("keeps percent-encoded look-alikes, which stay on the site as plain path text", () => {
    for (const value of ["/%09/evil.example", "/%2F%2Fevil.example", "/%5Cevil.example"]) {
      const kept = safeNextPath(value);
      expect(kept).toBe(value);
      expect(landsOn(kept)).toBe("https://shop.example");
    }
  });

  it("never returns anything that leaves the site, whatever it is given", () => {
    const pieces = ["/", "//", "\\", "\t", "\n", " ", ".", "..", "%2e", "%2F", "%09", "evil.example", "https:", "javascript:", "@", "#", "?", ":"];
    for (const a of pieces) for (const b of pieces) for (const c of pieces) {
      const result = safeNextPath(`${a}${b}${c}`, "/fallback");
      expect(landsOn(result), JSON.stringify(`${a}${b}${c}`)).toBe("https://shop.example");
      expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
    }
  });

  it("uses the fallback for nothing, and the caller's fallback when given", () => {
    expect(safeNextPath(undefined)).toBe("/kds");
    expect(safeNextPath(null, "/dashboard")).toBe("/dashboard");
    expect(safeNextPath("//evil.example", "/dashboard")).toBe("/dashboard");
  });
});
