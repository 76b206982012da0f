import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { lanAddresses, lanBaseUrls, ownOrigins, type InterfaceTable } from "./lan-addresses.ts";

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({ address, family: "IPv4", internal, netmask: "255.255.255.0", mac: "02:00:00:00:00:01", cidr: `${address}/24` });
const v6 = (address: string, internal = false): NetworkInterfaceInfo => ({ address, family: "IPv6", internal, netmask: "ffff:ffff:ffff:ffff::", mac: "02:00:00:00:00:01", cidr: `${address}/64`, scopeid: 0 });

// A back-office machine: loopback, Wi-Fi with IPv4 + a unique-local and a link-local
// IPv6 address, and a VPN interface listed before Wi-Fi.
const table: InterfaceTable = {
  lo: [v4("127.0.0.1", true), v6("::1", true)],
  tun0: [v6("2001:db8::5")],
  wlan0: [v4("192.168.1.20"), v6("fd00::2"), v6("fe80::fc:ff:fe00:1"), v6("FEBF::1")],
  eth0: [v4("10.8.0.3"), v4("192.168.1.20")],
  down0: undefined,
};

describe("lanAddresses", () => {
  it("lists the non-internal addresses, IPv4 first, without link-local IPv6 or duplicates", () => {
    expect(lanAddresses(table)).toEqual([
      { address: "192.168.1.20", family: "IPv4" },
      { address: "10.8.0.3", family: "IPv4" },
      { address: "2001:db8::5", family: "IPv6" },
      { address: "fd00::2", family: "IPv6" },
    ]);
  });

  it("is empty on a machine with loopback only", () => {
    expect(lanAddresses({ lo: [v4("127.0.0.1", true), v6("::1", true)] })).toEqual([]);
    expect(lanAddresses({})).toEqual([]);
  });

  it("reads this machine's interfaces by default", () => {
    for (const a of lanAddresses()) expect(a.address).not.toMatch(/^(127\.|::1$|fe80:)/);
  });
});

describe("ownOrigins", () => {
  it("is loopback and each address on the base URL's scheme and port, IPv6 in brackets", () => {
    expect(ownOrigins("http://localhost:3000/some/path", lanAddresses(table))).toEqual([
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
      "http://192.168.1.20:3000",
      "http://10.8.0.3:3000",
      "http://[2001:db8::5]:3000",
      "http://[fd00::2]:3000",
    ]);
  });

  it("drops a default port as a browser's Origin does, and keeps https", () => {
    expect(ownOrigins("https://shop.example", [{ address: "192.168.1.20", family: "IPv4" }])).toEqual([
      "https://localhost",
      "https://127.0.0.1",
      "https://[::1]",
      "https://192.168.1.20",
    ]);
    expect(ownOrigins("http://shop.example:80", [])).toEqual(["http://localhost", "http://127.0.0.1", "http://[::1]"]);
  });
});

describe("lanBaseUrls", () => {
  it("prints the IPv4 addresses on the base URL's scheme and port", () => {
    expect(lanBaseUrls("http://localhost:3000", table)).toEqual(["http://192.168.1.20:3000", "http://10.8.0.3:3000"]);
    expect(lanBaseUrls("http://localhost:3000", { lo: [v4("127.0.0.1", true)], wlan0: [v6("fd00::2")] })).toEqual([]);
  });
});
