/**
 * The client's address as the proxy in front reports it: the first hop of
 * X-Forwarded-For, else X-Real-IP. `next start` fills X-Forwarded-For from the socket
 * when no proxy did. Only as trustworthy as that proxy: behind none, a client can name
 * any address here, so rate limits keyed on it are a speed bump, not a wall.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip")?.trim();
  // Bounded: it becomes part of a key, and a header can be long.
  return address ? address.slice(0, 100) : "unknown";
}
