import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { decryptAes128gcm, newSubscriptionKeys, PushProtocolError, verifyVapidAuthorization, type SubscriptionKeys, type VapidClaims } from "./push-protocol.ts";

// A push service (RFC 8030) on 127.0.0.1 over HTTPS, standing in for FCM, Mozilla's or
// Apple's: tests make subscriptions here as a browser would, the app POSTs pushes to their
// endpoints, and every request is checked as a strict push service would (VAPID, TTL,
// aes128gcm) and decrypted with the subscription's private keys (push-protocol.ts).
// Anything malformed is refused and recorded, so a test can assert nothing was.

const TLS_DIR = path.join(import.meta.dirname, "push-tls");
/** The stand-in's self-signed certificate (127.0.0.1, localhost): child processes get it as NODE_EXTRA_CA_CERTS. */
export const PUSH_TLS_CERT_PATH = path.join(TLS_DIR, "cert.pem");

/** An https.Agent trusting the stand-in's certificate, for an in-process createWebPushSender. */
export const pushServiceAgent = () => new https.Agent({ ca: readFileSync(PUSH_TLS_CERT_PATH) });

/** RFC 8030 §5: push services must take 4096 bytes of payload; this one takes no more. */
const MAX_BODY_BYTES = 4096;
const URGENCIES = ["very-low", "low", "normal", "high"];

export type BrowserSubscription = { endpoint: string; keys: { p256dh: string; auth: string } };

/** A push that passed every check, decrypted. */
type DecryptedPush = {
  endpoint: string;
  ttl: number;
  urgency: string | undefined;
  topic: string | undefined;
  claims: VapidClaims;
  payload: Buffer;
  text: string;
  /** The payload parsed as JSON (undefined when it is not JSON). */
  json: unknown;
  location: string;
};

/** Every request, with what the stand-in answered. */
type PushAttempt = { endpoint: string; status: number; reason?: string };

export type PushServiceStandIn = {
  url: string;
  port: number;
  /** A subscription as `pushManager.subscribe()` makes it, for the app to store. */
  newSubscription: () => { subscription: BrowserSubscription; keys: SubscriptionKeys };
  /** Pushes accepted (201), oldest first; for one endpoint when given. */
  received: (endpoint?: string) => DecryptedPush[];
  /** Requests refused as malformed (400/401/403/404/413): a correct sender makes none. */
  rejections: () => PushAttempt[];
  attempts: (endpoint?: string) => PushAttempt[];
  /**
   * Answer valid pushes to `endpoint` (or to every endpoint: "all") with `status` instead of
   * 201, `times` times (default: until told otherwise); 201 again after respondWith(x, 201).
   */
  respondWith: (endpoint: string | "all", status: number, times?: number) => void;
  close: () => Promise<void>;
};

type Override = { status: number; remaining: number };

export async function startPushServiceStandIn(options: { vapidPublicKey: string }): Promise<PushServiceStandIn> {
  const subscriptions = new Map<string, SubscriptionKeys>();
  const overrides = new Map<string, Override>();
  const received: DecryptedPush[] = [];
  const attempts: PushAttempt[] = [];
  let origin = "";

  function overrideFor(endpoint: string): number | undefined {
    const override = overrides.get(endpoint) ?? overrides.get("all");
    if (!override || override.remaining <= 0) return undefined;
    override.remaining--;
    return override.status;
  }

  /** The RFC checks; throws PushProtocolError for anything a push service would refuse. */
  function accept(request: IncomingMessage, endpoint: string, body: Buffer, size: number): DecryptedPush {
    if (request.method !== "POST") throw new PushProtocolError(405, `${request.method} is not how a push is sent`);
    const id = /^\/push\/([\w-]+)$/.exec(request.url ?? "")?.[1];
    const keys = id === undefined ? undefined : subscriptions.get(id);
    if (!keys) throw new PushProtocolError(404, "no such subscription");
    const claims = verifyVapidAuthorization(request.headers.authorization, { publicKey: options.vapidPublicKey, audience: origin });
    const ttlHeader = request.headers.ttl;
    if (typeof ttlHeader !== "string" || !/^\d+$/.test(ttlHeader)) throw new PushProtocolError(400, "TTL header missing or not a number of seconds");
    const urgency = request.headers.urgency as string | undefined;
    if (urgency !== undefined && !URGENCIES.includes(urgency)) throw new PushProtocolError(400, `Urgency ${urgency} is not one of ${URGENCIES.join(", ")}`);
    const topic = request.headers.topic as string | undefined;
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) throw new PushProtocolError(400, "Topic must be up to 32 base64url characters");
    if (request.headers["content-encoding"] !== "aes128gcm") throw new PushProtocolError(415, "Content-Encoding must be aes128gcm (RFC 8291)");
    if (size > MAX_BODY_BYTES) throw new PushProtocolError(413, `the body is ${size} bytes, over ${MAX_BODY_BYTES}`);
    const payload = decryptAes128gcm(body, keys);
    const text = payload.toString("utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { endpoint, ttl: Number(ttlHeader), urgency, topic, claims, payload, text, json, location: `${origin}/message/${randomUUID()}` };
  }

  const server = https.createServer({ cert: readFileSync(PUSH_TLS_CERT_PATH), key: readFileSync(path.join(TLS_DIR, "key.pem")) }, (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // An oversized body is refused by its size; there is no need to keep it.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      const endpoint = `${origin}${request.url ?? ""}`;
      const answer = (status: number, reason?: string, headers: Record<string, string> = {}) => {
        attempts.push({ endpoint, status, ...(reason ? { reason } : {}) });
        response.writeHead(status, { "content-type": "text/plain", ...headers }).end(reason ?? "");
      };
      let push: DecryptedPush;
      try {
        push = accept(request, endpoint, Buffer.concat(chunks), size);
      } catch (error) {
        if (error instanceof PushProtocolError) answer(error.status, error.message);
        else answer(500, `stand-in error: ${String(error)}`);
        return;
      }
      const forced = overrideFor(endpoint);
      if (forced !== undefined && forced !== 201) return answer(forced, `told to answer ${forced}`);
      received.push(push);
      answer(201, undefined, { location: push.location });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `https://127.0.0.1:${port}`;

  return {
    url: origin,
    port,
    newSubscription: () => {
      const id = randomUUID();
      const keys = newSubscriptionKeys();
      subscriptions.set(id, keys);
      return {
        subscription: { endpoint: `${origin}/push/${id}`, keys: { p256dh: keys.publicKey.toString("base64url"), auth: keys.authSecret.toString("base64url") } },
        keys,
      };
    },
    received: (endpoint) => received.filter((p) => endpoint === undefined || p.endpoint === endpoint),
    // Statuses the stand-in was told to give are answers, not refusals.
    rejections: () => attempts.filter((a) => a.status >= 400 && !a.reason?.startsWith("told to answer")),
    attempts: (endpoint) => attempts.filter((a) => endpoint === undefined || a.endpoint === endpoint),
    respondWith: (endpoint, status, times = Number.POSITIVE_INFINITY) => {
      overrides.set(endpoint, { status, remaining: times });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
