import type { Config } from "../config.ts";

/**
 * The origins a staff member's browser may send state-changing requests from: the
 * shop's own address. Both our staff routes (lib/http/cross-site.ts) and better-auth
 * (trustedOrigins) read this list, so a second address for the shop (say, the
 * one-box café's LAN address) is added here once.
 */
export function allowedOrigins(config: Pick<Config, "PUBLIC_BASE_URL">): string[] {
  return [new URL(config.PUBLIC_BASE_URL).origin];
}
