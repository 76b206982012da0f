import { addStaff } from "../lib/auth/staff-accounts.ts";
import { readKdsContext } from "../lib/kitchen/get-kds-board.ts";
import { sleep, spawnNode, type Proc } from "./common.ts";
import type { ClientReport, FanoutCommand, OpenedReply, StreamSpec } from "./fanout-client.ts";
import { postOrder } from "./load.ts";
import type { BenchStack } from "./stack.ts";

// What the fan-out part's streams watch and who opens them: the customers' orders that
// wait for the whole run, a signed-in barista for the kitchen screens, and the client
// process (bench/fanout-client.ts) that holds the connections.

export const KDS_STREAMS = 20;
export const BOARD_STREAMS = 10;

/**
 * `count` real orders through POST /api/orders (spread over the web processes), kept
 * PLACED for the whole run: their outbox rows are deleted and the orders queue purged
 * before any worker runs, so no worker ever queues them. A PLACED order sorts after
 * every queued one, so each bench order that is queued or made ready moves every one of
 * their queue positions (and their ETAs): the most work a change can cause. Returns
 * their status URLs' tokens.
 */
export async function placeWaitingOrders(stack: BenchStack, count: number): Promise<string[]> {
  const webs = stack.webUrls();
  const tokens: string[] = [];
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const placed = await postOrder(webs[i % webs.length]!, "fanout-waiting", i);
      const token = placed.ok ? placed.statusUrl?.split("/").pop() : undefined;
      if (token) tokens.push(token);
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: 20 }, lane));
  if (failed > 0) throw new Error(`fan-out: ${failed} of ${count} waiting orders could not be placed`);
  // The web hands an order's message to the queue after answering; let those sends land
  // before they are purged.
  await sleep(2000);
  await stack.prisma.$executeRaw`DELETE FROM "OutboxMessage"`;
  await stack.purgeQueues();
  return tokens;
}

/**
 * A session cookie for a barista made for the run (its one-time password marked changed:
 * the sign-in, not the password change, is what a kitchen screen does each morning).
 * Sessions are rows in the database, so the cookie is good on every web process.
 */
export async function signInBarista(stack: BenchStack): Promise<string> {
  const { prisma, webUrl } = stack;
  const email = `bench-kds-${Date.now()}@bench.brewline`;
  const { id, oneTimePassword } = await addStaff({ prisma, email, name: "Bench KDS", role: "barista" });
  await prisma.user.update({ where: { id }, data: { mustChangePassword: false } });
  const res = await fetch(`${webUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: stack.env.PUBLIC_BASE_URL! },
    body: JSON.stringify({ email, password: oneTimePassword }),
  });
  if (!res.ok) throw new Error(`fan-out: barista sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

/**
 * Every stream of a run, dealt round-robin over the web processes: the customers' status
 * streams, the kitchen screens (each station's board in turn, then the expediter view
 * with no station) and the order boards.
 */
export async function streamSpecs(stack: BenchStack, tokens: string[], cookie: string): Promise<StreamSpec[]> {
  const webs = stack.webUrls();
  const { stations } = await readKdsContext(stack.prisma);
  const views = [...stations.map((s) => `?station=${encodeURIComponent(s)}`), ""];
  const specs: { path: string; kind: StreamSpec["kind"]; cookie?: string }[] = [
    ...tokens.map((token) => ({ path: `/api/orders/${token}/events`, kind: "status" as const })),
    ...Array.from({ length: KDS_STREAMS }, (_, i) => ({ path: `/api/kds/events${views[i % views.length]}`, kind: "kds" as const, cookie })),
    ...Array.from({ length: BOARD_STREAMS }, () => ({ path: "/api/board/events", kind: "board" as const })),
  ];
  return specs.map(({ path, ...spec }, i) => ({ ...spec, url: `${webs[i % webs.length]}${path}` }));
}

export type FanoutClient = {
  open: (streams: StreamSpec[], timeoutMs: number) => Promise<OpenedReply>;
  follow: (url: string) => void;
  mark: () => void;
  report: () => Promise<ClientReport>;
  stop: () => Promise<void>;
};

/** Starts bench/fanout-client.ts; every request to it has a deadline, so a stuck client fails the run instead of hanging it. */
export function startClient(): FanoutClient {
  const proc: Proc = spawnNode("fan-out client", ["--import", "tsx", "bench/fanout-client.ts"], { ...process.env }, { ipc: true });
  const send = (command: FanoutCommand) => proc.child.send(command);
  const reply = <T extends { type: string }>(type: T["type"], timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: T) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        proc.child.off("message", onMessage);
        resolve(message);
      };
      const timer = setTimeout(() => {
        proc.child.off("message", onMessage);
        reject(new Error(`fan-out client sent no ${type} within ${timeoutMs / 1000} s:\n${proc.output()}`));
      }, timeoutMs);
      proc.child.on("message", onMessage);
    });
  return {
    open: (streams, timeoutMs) => {
      const answer = reply<OpenedReply>("opened", timeoutMs + 30_000);
      send({ type: "open", streams, timeoutMs });
      return answer;
    },
    follow: (url) => send({ type: "follow", url }),
    mark: () => send({ type: "mark" }),
    report: () => {
      const answer = reply<ClientReport>("report", 30_000);
      send({ type: "report" });
      return answer;
    },
    stop: async () => {
      if (proc.child.connected) send({ type: "close" });
      await Promise.race([proc.exited, sleep(5000)]);
      await proc.stop();
    },
  };
}
