// A push subscription's endpoint is a URL the worker will POST to. It comes from the
// customer's browser, so anyone can send any URL: only https URLs on the configured push
// services' hosts (PUSH_ENDPOINT_HOSTS, or their subdomains) are accepted, which keeps a
// made-up endpoint from aiming the worker at the shop's own network (SSRF).

export const MAX_PUSH_ENDPOINT_LENGTH = 1024;

/** True when `endpoint` is an https URL on one of `allowedHosts` (or a subdomain of one), with no user name or password. */
export function isAllowedPushEndpoint(endpoint: string, allowedHosts: readonly string[]): boolean {
  if (endpoint.length > MAX_PUSH_ENDPOINT_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username !== "" || url.password !== "") return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
