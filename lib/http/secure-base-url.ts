import { ConfigError, type Config } from "../config.ts";

/**
 * The web app on the internet must be reached over HTTPS: staff passwords, session
 * cookies (only `Secure` with an https base URL) and order links would otherwise cross
 * the network in clear. In production an http:// PUBLIC_BASE_URL is refused unless
 * ALLOW_INSECURE_HTTP says this is deliberate (the launcher, on a shop's own Wi-Fi).
 */
export function assertSecureBaseUrl(config: Pick<Config, "NODE_ENV" | "PUBLIC_BASE_URL" | "ALLOW_INSECURE_HTTP">): void {
  if (config.NODE_ENV !== "production" || config.ALLOW_INSECURE_HTTP) return;
  if (new URL(config.PUBLIC_BASE_URL).protocol === "https:") return;
  throw new ConfigError([
    `PUBLIC_BASE_URL: ${config.PUBLIC_BASE_URL} is not https. Serve the shop over HTTPS (a load balancer or reverse proxy with a certificate) and set PUBLIC_BASE_URL=https://…, or set ALLOW_INSECURE_HTTP=true if this server is only reachable on a private network.`,
  ]);
}
