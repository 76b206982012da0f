import { AppError } from "../errors.ts";

// SameSite=Lax keeps the session cookie off most cross-site requests, but not all
// (a sibling subdomain is "same site", and Lax has had browser gaps). So a request
// that changes something must also say it comes from the shop's own pages.

export type RequestLike = { headers: Headers; method: string };

/** Methods that change nothing here; everything else must come from our own pages. */
const SAFE_METHODS = new Set(["GET", "HEAD"]);

export const CROSS_SITE_MESSAGE = "Cross-site request refused";

/** `scheme://host[:port]` of a URL, or null for `null`, garbage and the empty string. */
function originOf(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const origin = new URL(value).origin;
  return origin === "null" ? null : origin;
}

/**
 * Whether a state-changing request comes from somewhere other than `allowed`. Browsers
 * send Origin on every POST/PUT/PATCH/DELETE; without it (an old browser, a privacy
 * extension) Sec-Fetch-Site or the Referer's origin may vouch instead. A request with
 * none of them is refused: no page of ours sends one.
 */
export function isCrossSite(request: RequestLike, allowed: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const { headers } = request;
  const origin = headers.get("origin");
  if (origin !== null) return !allowed.includes(originOf(origin) ?? "");
  if (headers.get("sec-fetch-site") === "same-origin") return false;
  return !allowed.includes(originOf(headers.get("referer")) ?? "");
}

/** FORBIDDEN (403) for a cross-site state-changing request. */
export function refuseCrossSite(request: RequestLike, allowed: readonly string[]): void {
  if (isCrossSite(request, allowed)) throw new AppError("FORBIDDEN", CROSS_SITE_MESSAGE);
}
