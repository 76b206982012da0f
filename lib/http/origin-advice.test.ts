import { describe, expect, it } from "vitest";
import { adviceText, isLoopbackOrigin, originAdvice, type ShopOrigins } from "./origin-advice.ts";

const pinned: ShopOrigins = { shop: "http://shop.lan:3000", accepted: ["http://shop.lan:3000"], lan: false };
const launcher: ShopOrigins = {
  shop: "http://localhost:3000",
  accepted: ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000", "http://192.168.1.20:3000", "http://[fd00::2]:3000"],
  lan: true,
};

describe("originAdvice with a pinned PUBLIC_BASE_URL", () => {
  it("says which address is set, where to open sign-in instead and what to change", () => {
    const advice = originAdvice("http://192.168.1.20:3000", pinned);
    expect(advice.openAt).toEqual(["http://shop.lan:3000/sign-in"]);
    expect(adviceText(advice)).toBe(
      "Staff sign-in is not accepted at http://192.168.1.20:3000: this shop's address is set to http://shop.lan:3000 (PUBLIC_BASE_URL). " +
        "Open http://shop.lan:3000/sign-in, or ask whoever runs Brewline to set PUBLIC_BASE_URL=http://192.168.1.20:3000 " +
        "(or, with npm start, to leave it unset so that the machine's own addresses are accepted) and restart it.",
    );
  });

  it("does not send a tablet to localhost, which is the tablet itself", () => {
    const advice = originAdvice("http://192.168.1.20:3000", { shop: "http://localhost:3000", accepted: ["http://localhost:3000"], lan: false });
    expect(advice.openAt).toEqual([]);
    expect(advice.reason).toContain("http://localhost:3000 (PUBLIC_BASE_URL), which opens only on the machine running Brewline.");
    expect(adviceText(advice)).toMatch(/\. Ask whoever runs Brewline to set PUBLIC_BASE_URL=http:\/\/192\.168\.1\.20:3000 /);
  });

  it("on the machine itself, does offer localhost", () => {
    const advice = originAdvice("http://127.0.0.1:3000", { shop: "http://localhost:3000", accepted: ["http://localhost:3000"], lan: false });
    expect(advice.openAt).toEqual(["http://localhost:3000/sign-in"]);
    expect(advice.reason).not.toContain("opens only");
  });
});

describe("originAdvice when this machine's addresses are accepted", () => {
  it("offers the machine's IPv4 LAN addresses to another device, not loopback or IPv6", () => {
    const advice = originAdvice("http://backoffice.local:3000", launcher);
    expect(advice.openAt).toEqual(["http://192.168.1.20:3000/sign-in"]);
    expect(adviceText(advice)).toBe(
      "Staff sign-in is not accepted at http://backoffice.local:3000: this shop accepts it only at the addresses of the machine running Brewline. " +
        "Open http://192.168.1.20:3000/sign-in, or ask whoever runs Brewline to set PUBLIC_BASE_URL=http://backoffice.local:3000 and restart it.",
    );
  });

  it("offers loopback on the machine itself, never the refused origin, and IPv6 only when nothing else is left", () => {
    expect(originAdvice("http://127.0.0.2:3000", launcher).openAt).toEqual(["http://localhost:3000/sign-in", "http://127.0.0.1:3000/sign-in", "http://192.168.1.20:3000/sign-in"]);
    // A stale list (the server refused an origin the page thought accepted): not offered back.
    expect(originAdvice("http://192.168.1.20:3000", launcher).openAt).toEqual(["http://[fd00::2]:3000/sign-in"]);
  });
});

describe("isLoopbackOrigin", () => {
  it.each([
    ["http://localhost:3000", true],
    ["http://127.0.0.1:3000", true],
    ["http://127.8.9.10", true],
    ["http://[::1]:3000", true],
    ["http://192.168.1.20:3000", false],
    ["http://localhost.evil.example", false],
    ["http://127.0.0.1.evil.example", false],
    ["not a url", false],
  ])("%s → %s", (origin, expected) => {
    expect(isLoopbackOrigin(origin)).toBe(expected);
  });
});
