// The Content-Security-Policy of every page. Scripts run only with the per-request nonce
// (Next.js puts it on its own bootstrap and inline scripts when it finds the policy on
// the request) or when loaded by such a script ('strict-dynamic'); no 'unsafe-inline'
// scripts. Styles keep 'unsafe-inline' because React style attributes and Next's font
// loader write inline styles that cannot carry a nonce.

export function pageContentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // next dev evaluates modules for hot reload and error overlays.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Same-origin fetches and the server-sent event streams (and next dev's websocket).
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    // With 'strict-dynamic', script-src ignores 'self', and the service worker
    // (public/sw.js: the offline page) would be refused without its own directive.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable and new for every request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
