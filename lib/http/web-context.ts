import { getConfig } from "../config.ts";
import { createTransport, type Transport } from "../queue/transport.ts";

// Process-wide clients for the web app. Created on first use (never at import, so
// `next build` needs no environment) and kept on globalThis so Next.js dev reloads
// do not open a new set of SDK connections on every edit.
const globalForWeb = globalThis as unknown as { brewlineTransport?: Transport };

export function getWebTransport(): Transport {
  globalForWeb.brewlineTransport ??= createTransport(getConfig());
  return globalForWeb.brewlineTransport;
}
