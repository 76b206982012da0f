// Runs once when a web server starts (Next.js instrumentation hook). The check lives in
// a Node-only module, imported only on the Node runtime, so the edge build never sees it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") (await import("./lib/http/check-web-start.ts")).checkWebStart();
}
