/**
 * The client's address. Proxies such as nginx (`$proxy_add_x_forwarded_for`) and AWS's
 * load balancers *append* the address they received the request from to
 * X-Forwarded-For, so only the entries added by our own proxies can be trusted: with
 * `trustedProxyHops` proxies in front, the client is the entry that many places from the
 * right. Everything left of it was written by the client and may be invented. Without
 * X-Forwarded-For, X-Real-IP. `next start` fills X-Forwarded-For from the socket only
 * when the request has none, so with no proxy in front a client can still name an
 * address: rate limits keyed on it are then a speed bump, not a wall.
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
