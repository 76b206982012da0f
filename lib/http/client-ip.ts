/**
 * The client's address. Proxies append the peer they saw to X-Forwarded-For, so only the entry
 * `trustedProxyHops` places from the right is ours; everything left of it the client wrote and may
 * have invented. Without the header, X-Real-IP. With no proxy in front a client can still name an
 * address (`next start` keeps its header): rate limits keyed on it are a speed bump, not a wall.
 * (docs/SECURITY.md, "Input")
 */
export function clientIp(headers: Headers, trustedProxyHops = 1): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const fromProxy = hops.length > 0 ? hops[Math.max(0, hops.length - Math.max(1, trustedProxyHops))] : undefined;
  const address = fromProxy || headers.get("x-real-ip")?.trim();
  // Bounded: it becomes part of a key, and a header can be long.
  return address ? address.slice(0, 100) : "unknown";
}
