import { RETRY_MS } from "../../lib/realtime/sse.ts";
import { sleep } from "../support/worker-harness.ts";

// The customer's status page, reduced to what EventSource does: follow
// /api/orders/<token>/events and, when the stream drops, wait the server's retry delay
// and connect again (through the balancer, so to whichever instance is alive). Unlike
// tests/support/sse.ts, which reads one response in a route test, this client lives
// through reconnects and never times out on a quiet stream.

type Connection = { openedAt: number; upstream: string | null; droppedAt?: number };

export type LiveStatusClient = {
  connections: Connection[];
  /** Every `order` event's status, in order of arrival. */
  statuses: { at: number; status: string }[];
  /** Resolves with the time the first event with this status arrived. */
  waitForStatus: (status: string, timeoutMs: number) => Promise<number>;
  close: () => void;
};

export function followOrder(baseUrl: string, token: string): LiveStatusClient {
  const abort = new AbortController();
  const connections: Connection[] = [];
  const statuses: { at: number; status: string }[] = [];
  const waiters = new Set<() => void>();

  const readStream = async (body: AsyncIterable<Uint8Array>) => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (/^event: order$/m.test(block) && data) {
          statuses.push({ at: Date.now(), status: (JSON.parse(data) as { status: string }).status });
          for (const wake of waiters) wake();
        }
      }
    }
  };

  void (async () => {
    while (!abort.signal.aborted) {
      let connection: Connection | undefined;
      try {
        const res = await fetch(`${baseUrl}/api/orders/${token}/events`, { headers: { Accept: "text/event-stream" }, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        connection = { openedAt: Date.now(), upstream: res.headers.get("x-upstream") };
        connections.push(connection);
        await readStream(res.body as unknown as AsyncIterable<Uint8Array>);
      } catch {
        // Dropped (the instance died) or refused: reconnect below, as a browser would.
      }
      if (connection) connection.droppedAt = Date.now();
      if (!abort.signal.aborted) await sleep(RETRY_MS);
    }
  })();

  return {
    connections,
    statuses,
    waitForStatus: (status, timeoutMs) =>
      new Promise<number>((resolve, reject) => {
        const check = () => {
          const hit = statuses.find((s) => s.status === status);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.at);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${status} on the live status stream within ${timeoutMs} ms (seen: ${statuses.map((s) => s.status).join(", ") || "none"})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}
