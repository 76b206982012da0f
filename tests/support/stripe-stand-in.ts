import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkoutPage, notFoundPage } from "./stripe-stand-in/hosted-page.ts";
import { StandInError, parseForm, readBody, sendHtml, sendJson, sleep } from "./stripe-stand-in/http.ts";
import * as api from "./stripe-stand-in/resources.ts";
import { createWebhookSender, type Delivery, type StandInEvent, type WebhookMode } from "./stripe-stand-in/webhooks.ts";

// A local Stripe for tests and e2e runs (this machine cannot reach api.stripe.com): the few
// endpoints Brewline's provider calls, answered with the shapes, status codes and
// idempotency rules of Stripe's API reference, a hosted checkout page with a Pay button, and
// signed webhooks. It is a test double: `npm run verify:stripe` checks the real thing.

export type StripeStandInOptions = { port?: number; host?: string; webhookUrl?: string; webhookSecret?: string; secretKey?: string };

export type StripeStandIn = {
  url: string;
  secretKey: string;
  webhookSecret: string;
  setWebhookUrl(url: string | null): void;
  /** Same as pressing Pay on the hosted page; resolves once the webhook was answered (unless delayed or dropped). */
  pay(sessionId: string): Promise<void>;
  /** The session expires (as when its expires_at passes) and checkout.session.expired is sent. */
  expire(sessionId: string): Promise<void>;
  setWebhookMode(mode: WebhookMode): void;
  setWebhookDelay(ms: number): void;
  /** Refunds are created, then answered this many ms later (a worker can be killed in between). */
  setRefundDelay(ms: number): void;
  /** Refunds answer a card error with this code until called with null. */
  failRefunds(code: string | null): void;
  /** Every event made, delivered or not (dropped ones too, so a test can resend them). */
  events(): StandInEvent[];
  /** Each POST of an event to the webhook URL, with the status it got. */
  deliveries(): Delivery[];
  resend(eventId: string): Promise<void>;
  /** A new event of `type` carrying the session as it is now, sent as the mode says. */
  sendEvent(type: string, sessionId: string): Promise<StandInEvent>;
  refunds(): api.RefundRecord[];
  sessions(): api.StandInSession[];
  close(): Promise<void>;
};

type Stored = { fingerprint: string; status: number; body: unknown };

export async function startStripeStandIn(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const secretKey = options.secretKey ?? `sk_test_standin_${randomBytes(12).toString("hex")}`;
  const webhookSecret = options.webhookSecret ?? `whsec_standin_${randomBytes(16).toString("hex")}`;
  const host = options.host ?? "127.0.0.1";
  const resources = api.newResources();
  const webhooks = createWebhookSender({ secret: webhookSecret, url: options.webhookUrl ?? null });
  const idempotent = new Map<string, Stored>();
  const inFlight = new Set<string>();
  let refundDelayMs = 0;
  let url = "";

  const emit = (type: string, session: api.StandInSession) => {
    const event = webhooks.newEvent(type, session);
    return { event, sent: webhooks.dispatch(event) };
  };
  // Events the API causes go out in the background, as Stripe's do: the caller's request
  // never waits on (or deadlocks with) the app's own webhook handler.
  const emitLater = (type: string, session: api.StandInSession) => void emit(type, session).sent.catch(() => {});

  /** Stripe expires sessions whose expires_at has passed; looked at on every request and each second. */
  const expireDue = () => {
    const now = Date.now() / 1000;
    for (const session of resources.sessions.values()) {
      if (session.status === "open" && session.expires_at <= now) emitLater("checkout.session.expired", api.expireSession(resources, session.id));
    }
  };
  const sweeper = setInterval(expireDue, 1000).unref();

  async function pay(sessionId: string) {
    await emit("checkout.session.completed", api.completeSession(resources, sessionId)).sent;
  }
  async function expire(sessionId: string) {
    await emit("checkout.session.expired", api.expireSession(resources, sessionId)).sent;
  }

  async function apiRoute(req: IncomingMessage, path: string, params: api.Params, idempotencyKey: string | null): Promise<unknown> {
    const method = req.method ?? "GET";
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return api.createSession(resources, params, url);
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) return api.sessionView(resources, api.sessionOf(resources, m[1]!), params.expand);
    if (method === "POST" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const session = api.expireSession(resources, m[1]!);
      emitLater("checkout.session.expired", session);
      return session;
    }
    if (method === "POST" && path === "/v1/payment_intents") return api.createPaymentIntent(resources, params);
    if (method === "GET" && path === "/v1/refunds") return api.listRefunds(resources, params);
    if (method === "POST" && path === "/v1/refunds") {
      const refund = api.createRefund(resources, params, idempotencyKey);
      if (refundDelayMs > 0) await sleep(refundDelayMs);
      return refund;
    }
    throw new StandInError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: string) {
    const auth = req.headers.authorization ?? "";
    if (auth !== `Bearer ${secretKey}`) {
      const message = auth ? `Invalid API Key provided: ${auth.replace(/^Bearer\s+/, "").slice(0, 8)}****` : "You did not provide an API key.";
      return sendJson(res, 401, new StandInError(401, "invalid_request_error", message).body());
    }
    const body = await readBody(req);
    const params = parseForm(req.method === "GET" ? query : body);
    const key = req.method === "POST" ? (header(req, "idempotency-key") ?? null) : null;
    const fingerprint = `${req.method} ${path} ${body}`;
    if (key) {
      const stored = idempotent.get(key);
      if (stored && stored.fingerprint !== fingerprint) {
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
        return sendJson(res, 400, new StandInError(400, "idempotency_error", message).body());
      }
      if (stored) return sendJson(res, stored.status, stored.body, { "Idempotent-Replayed": "true", "Idempotency-Key": key });
      if (inFlight.has(key)) {
        const message = `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`;
        return sendJson(res, 409, new StandInError(409, "idempotency_error", message).body());
      }
      inFlight.add(key);
    }
    let status = 200;
    let answer: unknown;
    try {
      answer = await apiRoute(req, path, params, key);
    } catch (error) {
      if (!(error instanceof StandInError)) throw error;
      status = error.status;
      answer = error.body();
    } finally {
      if (key) inFlight.delete(key);
    }
    // Stripe saves the result once an endpoint began executing (a card error included), not
    // a refusal of the parameters: that request may be fixed and sent again with its key.
    if (key && (status < 300 || status === 402)) idempotent.set(key, { fingerprint, status, body: answer });
    sendJson(res, status, answer, key ? { "Idempotency-Key": key } : {});
  }

  async function handlePage(req: IncomingMessage, res: ServerResponse, sessionId: string) {
    const session = resources.sessions.get(sessionId);
    if (!session) return sendHtml(res, 404, notFoundPage());
    if (req.method === "POST") {
      await readBody(req);
      if (session.status === "open") await pay(sessionId);
      // Paid (now, or by a double-clicked button a moment ago): back to the shop, as Stripe does.
      if (session.status === "complete") {
        res.writeHead(303, { Location: session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", sessionId) });
        return res.end();
      }
      return sendHtml(res, 410, checkoutPage(session, []));
    }
    sendHtml(res, 200, checkoutPage(session, resources.lineItems.get(sessionId) ?? []));
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string) {
    const text = await readBody(req);
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const route = `${req.method} ${path}`;
    let m: RegExpMatchArray | null;
    if (route === "GET /__standin/sessions") return sendJson(res, 200, standIn.sessions());
    if (route === "GET /__standin/refunds") return sendJson(res, 200, standIn.refunds());
    if (route === "GET /__standin/events") return sendJson(res, 200, standIn.events());
    if (route === "GET /__standin/deliveries") return sendJson(res, 200, standIn.deliveries());
    if (route === "POST /__standin/webhook-mode") standIn.setWebhookMode(body.mode as WebhookMode);
    else if (route === "POST /__standin/webhook-delay") standIn.setWebhookDelay(Number(body.ms));
    else if (route === "POST /__standin/webhook-url") standIn.setWebhookUrl((body.url as string | null) ?? null);
    else if (route === "POST /__standin/refund-delay") standIn.setRefundDelay(Number(body.ms));
    else if (route === "POST /__standin/fail-refunds") standIn.failRefunds((body.code as string | null) ?? null);
    else if ((m = route.match(/^POST \/__standin\/pay\/([^/]+)$/))) await standIn.pay(m[1]!);
    else if ((m = route.match(/^POST \/__standin\/expire\/([^/]+)$/))) await standIn.expire(m[1]!);
    else if ((m = route.match(/^POST \/__standin\/resend\/([^/]+)$/))) await standIn.resend(m[1]!);
    else if (route === "POST /__standin/send-event") return sendJson(res, 200, await standIn.sendEvent(String(body.type), String(body.sessionId)));
    else return sendJson(res, 404, { error: { message: `No control ${route}` } });
    sendJson(res, 200, { ok: true });
  }

  const server = createServer((req, res) => {
    const target = new URL(req.url ?? "/", "http://stand-in");
    expireDue();
    let page: RegExpMatchArray | null;
    const handled = target.pathname.startsWith("/v1/")
      ? handleApi(req, res, target.pathname, target.search.slice(1))
      : target.pathname.startsWith("/__standin/")
        ? handleControl(req, res, target.pathname)
        : (page = target.pathname.match(/^\/pay\/([^/]+)$/))
          ? handlePage(req, res, page[1]!)
          : Promise.resolve(sendJson(res, 404, new StandInError(404, "invalid_request_error", "Not found").body()));
    handled.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof StandInError) return sendJson(res, error.status, error.body());
      // A control given bad input, or a bug here: say so rather than hang the test.
      sendJson(res, error instanceof SyntaxError || (error instanceof Error && !target.pathname.startsWith("/v1/")) ? 400 : 500, {
        error: { type: "api_error", message: error instanceof Error ? error.message : String(error) },
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const standIn: StripeStandIn = {
    url,
    secretKey,
    webhookSecret,
    setWebhookUrl: (next) => webhooks.setUrl(next),
    pay,
    expire,
    setWebhookMode: (mode) => webhooks.setMode(mode),
    setWebhookDelay: (ms) => webhooks.setDelay(ms),
    setRefundDelay(ms) {
      if (!Number.isInteger(ms) || ms < 0) throw new Error(`Refund delay must be a whole number of ms, got ${String(ms)}`);
      refundDelayMs = ms;
    },
    failRefunds: (code) => void (resources.failRefundsCode = code),
    events: () => webhooks.events(),
    deliveries: () => webhooks.deliveries(),
    resend: (eventId) => webhooks.resend(eventId),
    async sendEvent(type, sessionId) {
      const { event, sent } = emit(type, api.sessionOf(resources, sessionId));
      await sent;
      return event;
    },
    refunds: () => resources.refundLog.map((r) => ({ ...r })),
    sessions: () => [...resources.sessions.values()].map((s) => structuredClone(s)),
    async close() {
      clearInterval(sweeper);
      webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return standIn;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
