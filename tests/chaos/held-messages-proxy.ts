import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestStack } from "../support/test-stack.ts";

// What a SIGKILLed worker process held, and the queue's visibility timeout run out for it.
// A worker child talks to the SQS/SNS emulator through this pass-through proxy, which
// notes every receipt handle it received and did not delete. When the test has killed it,
// expireHeld() makes those messages visible again (ChangeMessageVisibility 0: the same
// move the emulator makes when the timeout runs out) instead of the test sitting out the
// orders queue's 30 s. The emulator keeps a long poll going after its client has gone
// (killed, stopped, or given up on it) and hands it the next message: such a message goes
// back at once, where it used to wait out the timeout too.
// That the timeout would have run out is checked instead of waited for: every receive
// and heartbeat asked for no longer than the queue's own timeout.

type Held = { queueUrl: string; visibilityTimeout: number };

export type HeldMessagesProxy = {
  /** Spread into the worker child's env: its AWS_ENDPOINT_URL is the proxy. */
  env: { AWS_ENDPOINT_URL: string };
  /** After the kill: returns what it made visible again. Throws if the worker asked for longer than the queue's timeout. */
  expireHeld: () => Promise<number>;
  /** The worker process has exited: what its orphaned long polls receive from now on goes straight back. */
  exited: () => void;
  close: () => Promise<void>;
};

const json = (body: Buffer): Record<string, unknown> => {
  try {
    return JSON.parse(body.toString() || "{}") as Record<string, unknown>;
  } catch {
    return {};
  }
};

export async function startHeldMessagesProxy(stack: TestStack): Promise<HeldMessagesProxy> {
  const upstream = new URL(stack.env.AWS_ENDPOINT_URL!);
  const held = new Map<string, Held>();
  /** The visibility timeout each receive asked for (undefined: the queue's own). */
  const receives: { queueUrl: string; seconds: number | undefined }[] = [];
  const unreadable: string[] = [];
  let dead = false;

  const makeVisible = async (handles: string[]) => {
    let n = 0;
    for (const handle of handles) {
      const h = held.get(handle);
      if (!h) continue;
      held.delete(handle);
      // Already handled by a survivor (or its timeout ran out meanwhile): nothing to give back.
      const ok = await stack.transport.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: h.queueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 })).then(
        () => true,
        () => false,
      );
      if (ok) n++;
    }
    return n;
  };

  /** Keeps track of the SQS calls that take or give back a message (AWS JSON protocol). */
  /** orphaned: the worker gave up on this request (or died) before the answer came. */
  const observe = (action: string, headers: IncomingHttpHeaders, raw: Buffer, req: Record<string, unknown>, status: number, res: Record<string, unknown>, orphaned: boolean) => {
    // The query protocol (form posts) would pass through unseen: refuse to guess then.
    if (!action && /Action=\w*Message/.test(raw.toString())) unreadable.push("query-protocol SQS call");
    if (!action.startsWith("AmazonSQS.")) return;
    if (!String(headers["content-type"]).includes("amz-json")) unreadable.push(action);
    if (status !== 200) return;
    const queueUrl = String(req.QueueUrl);
    switch (action) {
      case "AmazonSQS.ReceiveMessage": {
        const visibilityTimeout = Number(req.VisibilityTimeout ?? NaN);
        receives.push({ queueUrl, seconds: req.VisibilityTimeout === undefined ? undefined : visibilityTimeout });
        const handles = ((res.Messages ?? []) as { ReceiptHandle: string }[]).map((m) => m.ReceiptHandle);
        for (const handle of handles) held.set(handle, { queueUrl, visibilityTimeout });
        if (dead || orphaned) void makeVisible(handles);
        break;
      }
      case "AmazonSQS.DeleteMessage":
        held.delete(String(req.ReceiptHandle));
        break;
      case "AmazonSQS.DeleteMessageBatch": {
        const entries = (req.Entries ?? []) as { Id: string; ReceiptHandle: string }[];
        for (const ok of (res.Successful ?? []) as { Id: string }[]) held.delete(entries.find((e) => e.Id === ok.Id)?.ReceiptHandle ?? "");
        break;
      }
      case "AmazonSQS.ChangeMessageVisibility":
      case "AmazonSQS.ChangeMessageVisibilityBatch": {
        const entries = action.endsWith("Batch") ? ((req.Entries ?? []) as { ReceiptHandle: string; VisibilityTimeout: number }[]) : [req as { ReceiptHandle: string; VisibilityTimeout: number }];
        for (const e of entries) {
          // A heartbeat (the same timeout as the receive asked for) keeps the message held; any other value is the worker's own retry
          // schedule (a failed handler's backoff), which stays as the worker set it.
          const h = held.get(e.ReceiptHandle);
          if (h && Number(e.VisibilityTimeout) !== h.visibilityTimeout) held.delete(e.ReceiptHandle);
        }
        break;
      }
    }
  };

  const server = createServer((req, res) => {
    let orphaned = false;
    res.on("close", () => (orphaned ||= !res.writableFinished));
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const action = String(req.headers["x-amz-target"] ?? "");
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const out: Buffer[] = [];
          answer.on("data", (c: Buffer) => out.push(c));
          answer.on("end", () => {
            const answerBody = Buffer.concat(out);
            observe(action, req.headers, body, json(body), answer.statusCode ?? 0, json(answerBody), orphaned || res.destroyed);
            if (res.destroyed) return;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(answerBody);
          });
        },
      );
      forward.on("error", () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
    exited: () => {
      dead = true;
    },
    async expireHeld() {
      if (unreadable.length > 0) throw new Error(`SQS calls the proxy could not read (not AWS JSON): ${[...new Set(unreadable)].join(", ")}`);
      if (receives.length === 0) throw new Error("the worker received nothing through the proxy: was it started with its env?");
      // Without the proxy these messages come back when the timeout the worker asked for
      // (and renewed by heartbeats) runs out: no longer than the queue's own (30 s for orders).
      for (const queueUrl of new Set(receives.map((r) => r.queueUrl))) {
        const out = await stack.transport.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["VisibilityTimeout"] }));
        const limit = Number(out.Attributes?.VisibilityTimeout);
        const tooLong = receives.filter((r) => r.queueUrl === queueUrl && r.seconds !== undefined && !(r.seconds >= 0 && r.seconds <= limit));
        if (tooLong.length > 0) throw new Error(`the worker asked ${queueUrl} for longer than its ${limit} s visibility timeout: ${JSON.stringify(tooLong.slice(0, 5))}`);
      }
      dead = true;
      return makeVisible([...held.keys()]);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
