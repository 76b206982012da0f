import { NextResponse, type NextRequest } from "next/server";
import { createNonce, pageContentSecurityPolicy } from "./lib/http/content-security-policy.ts";

// Runs before every page (Next.js 16 "proxy", formerly middleware): a fresh nonce per
// request, a CSP that allows only scripts carrying it, and the nonce handed to the
// render through the request headers, where Next.js picks it up for its own scripts.
// Pages are dynamic-rendered (force-dynamic), which nonces need. The other security
// headers and the API's policy are static (next.config.js).

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API (static policy), build assets, icons or menu pictures.
      source: "/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|icons/|menu/).*)",
      // Link prefetches reuse the page's policy.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
