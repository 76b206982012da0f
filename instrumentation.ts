// Runs once when a web server starts (Next.js instrumentation hook): settings that make
// the shop unsafe stop the process here, before it serves anyone. Next.js alone would
// keep running and answer 500 to everything, which an orchestrator reads as "starting".
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./lib/config.ts");
  const { assertSecureBaseUrl } = await import("./lib/http/secure-base-url.ts");
  try {
    assertSecureBaseUrl(getConfig());
  } catch (error) {
    console.error(`Brewline web: refusing to start. ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
