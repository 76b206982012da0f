import { getConfig } from "../config.ts";
import { assertSecureBaseUrl } from "./secure-base-url.ts";

/**
 * Settings that make the shop unsafe stop the web process before it serves anyone:
 * Next.js alone would keep running and answer 500 to everything, which an orchestrator
 * reads as "starting". Node runtime only (instrumentation.ts).
 */
export function checkWebStart(): void {
  try {
    assertSecureBaseUrl(getConfig());
  } catch (error) {
    console.error(`Brewline web: refusing to start. ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
