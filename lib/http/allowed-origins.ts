import type { Config } from "../config.ts";
import { lanAddresses, ownOrigins, type LanAddress } from "./lan-addresses.ts";

/** STAFF_ORIGINS_INCLUDE_LAN left out means false: PUBLIC_BASE_URL alone. */
export type OriginConfig = Pick<Config, "PUBLIC_BASE_URL"> & Partial<Pick<Config, "STAFF_ORIGINS_INCLUDE_LAN">>;

/**
 * The origins a staff browser may send state-changing requests from (our staff routes via
 * lib/http/cross-site.ts, and better-auth's trustedOrigins): PUBLIC_BASE_URL's origin and, with
 * STAFF_ORIGINS_INCLUDE_LAN, this machine's own addresses, so the kitchen tablet signs in. Exact
 * origins, never a range: a page elsewhere on the Wi-Fi stays cross-site. Read per call, not
 * cached: DHCP may move the shop while it runs. (docs/SECURITY.md, "Staff accounts and access control")
 */
export function allowedOrigins(config: OriginConfig, readAddresses: () => LanAddress[] = lanAddresses): string[] {
  const pinned = new URL(config.PUBLIC_BASE_URL).origin;
  if (!config.STAFF_ORIGINS_INCLUDE_LAN) return [pinned];
  return [...new Set([pinned, ...ownOrigins(config.PUBLIC_BASE_URL, readAddresses())])];
}

/** The entry `hops` places from the right of a comma-separated proxy header (as lib/http/client-ip.ts reads X-Forwarded-For). */
function fromProxy(value: string | null, hops: number): string | undefined {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.length > 0 ? entries[Math.max(0, entries.length - hops)] : undefined;
}

/**
 * The origin the browser used to open this page, which is what it will send as Origin
 * when the page posts. Browsers reach the launcher's web directly (TRUSTED_PROXY_HOPS=0):
 * plain http and the Host header; an X-Forwarded-* header is then the client's own
 * invention and ignored. Behind proxies, the outermost trusted one's X-Forwarded-Proto
 * and X-Forwarded-Host (else Host). Null when there is nothing usable. For telling staff
 * why sign-in will be refused only: the origin checks themselves read Origin.
 */
export function requestOrigin(headers: Headers, trustedProxyHops: number): string | null {
  const proxied = trustedProxyHops > 0;
  const proto = (proxied ? fromProxy(headers.get("x-forwarded-proto"), trustedProxyHops) : undefined) ?? "http";
  const host = (proxied ? fromProxy(headers.get("x-forwarded-host"), trustedProxyHops) : undefined) ?? headers.get("host")?.trim();
  if (!host || !/^https?$/i.test(proto)) return null;
  const candidate = `${proto.toLowerCase()}://${host}`;
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  // A Host with a path, credentials or a query is not a host.
  if (url.pathname !== "/" || url.username || url.password || url.search || url.hash) return null;
  return url.origin;
}
