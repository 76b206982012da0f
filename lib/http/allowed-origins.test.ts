import { describe, expect, it } from "vitest";
import { allowedOrigins, requestOrigin } from "./allowed-origins.ts";
import type { LanAddress } from "./lan-addresses.ts";

const wifi: LanAddress[] = [
  { address: "192.168.1.20", family: "IPv4" },
  { address: "fd00::2", family: "IPv6" },
];

describe("allowedOrigins", () => {
  it("is PUBLIC_BASE_URL's origin alone when the address is pinned, whatever the machine's addresses", () => {
    const read = () => wifi;
    expect(allowedOrigins({ PUBLIC_BASE_URL: "https://shop.example/path", STAFF_ORIGINS_INCLUDE_LAN: false }, read)).toEqual(["https://shop.example"]);
    expect(allowedOrigins({ PUBLIC_BASE_URL: "http://localhost:3000" }, read)).toEqual(["http://localhost:3000"]);
  });

  it("adds this machine's own addresses on the served scheme and port with STAFF_ORIGINS_INCLUDE_LAN", () => {
    expect(allowedOrigins({ PUBLIC_BASE_URL: "http://localhost:3000", STAFF_ORIGINS_INCLUDE_LAN: true }, () => wifi)).toEqual([
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
      "http://192.168.1.20:3000",
      "http://[fd00::2]:3000",
    ]);
    // A pinned name with the LAN explicitly added: the name first, the addresses on its port.
    expect(allowedOrigins({ PUBLIC_BASE_URL: "http://backoffice.lan:8080", STAFF_ORIGINS_INCLUDE_LAN: true }, () => [wifi[0]!])).toEqual([
      "http://backoffice.lan:8080",
      "http://localhost:8080",
      "http://127.0.0.1:8080",
      "http://[::1]:8080",
      "http://192.168.1.20:8080",
    ]);
  });

  it("admits exact origins of this machine only: not its neighbours, other ports or schemes", () => {
    const allowed = allowedOrigins({ PUBLIC_BASE_URL: "http://localhost:3000", STAFF_ORIGINS_INCLUDE_LAN: true }, () => wifi);
    for (const other of ["http://192.168.1.21:3000", "http://192.168.1.20:3001", "https://192.168.1.20:3000", "http://192.168.1.20", "http://127.0.0.2:3000", "http://evil.example:3000"]) {
      expect(allowed).not.toContain(other);
    }
  });

  it("reads the addresses on every call, so a new DHCP lease counts at once", () => {
    let lease = "192.168.1.20";
    const read = (): LanAddress[] => [{ address: lease, family: "IPv4" }];
    const config = { PUBLIC_BASE_URL: "http://localhost:3000", STAFF_ORIGINS_INCLUDE_LAN: true };
    expect(allowedOrigins(config, read)).toContain("http://192.168.1.20:3000");
    lease = "192.168.1.57";
    expect(allowedOrigins(config, read)).toContain("http://192.168.1.57:3000");
    expect(allowedOrigins(config, read)).not.toContain("http://192.168.1.20:3000");
  });
});

describe("requestOrigin", () => {
  it("is plain http and the Host header for a browser that reached the web directly", () => {
    expect(requestOrigin(new Headers({ host: "192.168.1.20:3000" }), 0)).toBe("http://192.168.1.20:3000");
    expect(requestOrigin(new Headers({ host: "LOCALHOST:3000" }), 0)).toBe("http://localhost:3000");
    expect(requestOrigin(new Headers({ host: "[fd00::2]:3000" }), 0)).toBe("http://[fd00::2]:3000");
  });

  it("ignores X-Forwarded-* without a trusted proxy: the client wrote them", () => {
    const headers = new Headers({ host: "192.168.1.20:3000", "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" });
    expect(requestOrigin(headers, 0)).toBe("http://192.168.1.20:3000");
  });

  it("behind proxies, reads the outermost trusted one's X-Forwarded-Proto and -Host, else Host", () => {
    expect(requestOrigin(new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" }), 1)).toBe("https://shop.example");
    expect(requestOrigin(new Headers({ host: "shop.example", "x-forwarded-proto": "https" }), 1)).toBe("https://shop.example");
    const appended = new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "evil.example, shop.example, cdn.internal", "x-forwarded-proto": "http, https, http" });
    expect(requestOrigin(appended, 2)).toBe("https://shop.example");
    expect(requestOrigin(new Headers({ host: "shop.example:443" }), 1)).toBe("http://shop.example:443");
  });

  it("is null for nothing usable", () => {
    expect(requestOrigin(new Headers(), 0)).toBeNull();
    expect(requestOrigin(new Headers({ host: "shop.example", "x-forwarded-proto": "ftp" }), 1)).toBeNull();
    for (const host of ["shop.example/path", "user@shop.example", "shop.example?x=1", "shop example", "shop.example#x"]) {
      expect(requestOrigin(new Headers({ host }), 0), host).toBeNull();
    }
  });
});
