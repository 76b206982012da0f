import os from "node:os";

// This machine's own addresses, for a shop whose kitchen tablet and TV reach the
// launcher over the café's Wi-Fi (http://192.168.1.20:3000). Staff sign-in accepts
// exactly these origins (lib/http/allowed-origins.ts) and the launcher's banner prints
// them (scripts/stack/banner.ts). Nothing here trusts an address range: only addresses
// that this machine's own interfaces carry right now.

export type InterfaceTable = ReturnType<typeof os.networkInterfaces>;

export type LanAddress = { address: string; family: "IPv4" | "IPv6" };

/** fe80::/10: valid on one link only and unusable in a URL without a zone id. */
const isLinkLocalV6 = (address: string) => /^fe[89ab][0-9a-f]:/i.test(address);

/**
 * The non-internal addresses in an interface table (os.networkInterfaces()): IPv4, and
 * IPv6 other than link-local (a global or unique-local IPv6 address is as much this
 * machine's own as its IPv4 one). Deduplicated, IPv4 first, in the table's order.
 */
export function lanAddresses(interfaces: InterfaceTable = os.networkInterfaces()): LanAddress[] {
  const found = new Map<string, LanAddress>();
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.internal) continue;
      if (entry.family === "IPv6" && isLinkLocalV6(entry.address)) continue;
      found.set(entry.address, { address: entry.address, family: entry.family });
    }
  }
  const all = [...found.values()];
  return [...all.filter((a) => a.family === "IPv4"), ...all.filter((a) => a.family === "IPv6")];
}

/** The URL host for an address: IPv6 in brackets. */
const hostOf = (a: LanAddress) => (a.family === "IPv6" ? `[${a.address}]` : a.address);

/** `scheme://host[:port]` on the base URL's scheme and port (a default port drops out, as in a browser's Origin). */
function originOn(base: URL, host: string): string {
  return new URL(`${base.protocol}//${host}${base.port ? `:${base.port}` : ""}`).origin;
}

/** The loopback names a browser on this machine may use: what the launcher prints, and its two literal forms. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

/**
 * The origins a browser uses to reach this machine on the base URL's scheme and port:
 * localhost, 127.0.0.1, [::1] and each of `addresses`. Exact origins, deduplicated.
 */
export function ownOrigins(baseUrl: string, addresses: readonly LanAddress[]): string[] {
  const base = new URL(baseUrl);
  return [...new Set([...LOOPBACK_HOSTS.map((h) => originOn(base, h)), ...addresses.map((a) => originOn(base, hostOf(a)))])];
}

/**
 * What to print for a device on the shop's network: the base URL on each IPv4 LAN
 * address (http://192.168.1.20:3000). IPv6 ones are accepted but not printed: nobody
 * types `http://[fd00::2]:3000` on a tablet, and privacy addresses come and go.
 */
export function lanBaseUrls(baseUrl: string, interfaces: InterfaceTable = os.networkInterfaces()): string[] {
  const base = new URL(baseUrl);
  return lanAddresses(interfaces)
    .filter((a) => a.family === "IPv4")
    .map((a) => originOn(base, hostOf(a)));
}
