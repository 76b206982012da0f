import { CLIENT_IP_HEADER, getAuth } from "../../../../lib/auth/auth.ts";
import { getConfig } from "../../../../lib/config.ts";
import { clientIp } from "../../../../lib/http/client-ip.ts";
import { handleRoute, readBodyBytes, MAX_BODY_BYTES } from "../../../../lib/http/handle-route.ts";

export const dynamic = "force-dynamic";

// better-auth's endpoints (sign-in, sign-out, session, change-password, the PIN switch).
// The client address for its rate limiter is ours, read the way the order limit reads
// it; whatever a client sent in that header is replaced. The body goes through the same
// capped reader as every other route: better-auth would buffer whatever it is given.
async function handle(request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.set(CLIENT_IP_HEADER, clientIp(request.headers, getConfig().TRUSTED_PROXY_HOPS));
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const forwarded = new Request(request.url, {
    method: request.method,
    headers,
    body: hasBody ? await readBodyBytes(request, MAX_BODY_BYTES) : undefined,
    signal: request.signal,
  });
  return getAuth().handler(forwarded);
}

export const GET = handleRoute(handle);
export const POST = handleRoute(handle);
