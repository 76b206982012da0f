// Polls an HTTP endpoint until it answers 2xx. Gives up after timeoutMs, or as soon as
// `abort` settles (the process that should answer has died), whichever comes first.

export async function waitForHttp(url: string, options: { timeoutMs: number; abort?: Promise<unknown>; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let aborted = false;
  void options.abort?.then(() => (aborted = true), () => (aborted = true));
  let last = "no answer yet";
  while (!aborted) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000), cache: "no-store" });
      await res.arrayBuffer();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).cause ? String((error as { cause: Error }).cause.message ?? (error as Error).cause) : (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${Math.round(options.timeoutMs / 1000)}s (last: ${last})`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
  throw new Error(`gave up waiting for ${url}: the process serving it exited`);
}
