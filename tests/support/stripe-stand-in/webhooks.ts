import Stripe from "stripe";
import { STRIPE_API_VERSION } from "../../../lib/payments/stripe-provider.ts";
import { newId, nowSeconds } from "./http.ts";

// Stripe's webhook deliveries: JSON event objects POSTed to the endpoint, signed with the
// SDK's own test helper, retried a few times (Stripe retries for days) when the endpoint
// answers other than 2xx. The modes let a test lose, duplicate, delay or reorder them.

export type WebhookMode = "normal" | "drop" | "duplicate";

export type StandInEvent = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
};

export type Delivery = { eventId: string; type: string; attempt: number; status: number | "error" };

const RETRY_AFTER_MS = [500, 2000, 5000];

export function createWebhookSender(options: { secret: string; url: string | null }) {
  let url = options.url;
  let mode: WebhookMode = "normal";
  let delayMs = 0;
  let closed = false;
  const events: StandInEvent[] = [];
  const deliveries: Delivery[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, run: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) void run();
    }, ms);
    timers.add(timer);
  };

  /** One POST; on failure the retries run in the background. */
  async function deliver(event: StandInEvent, attempt = 1): Promise<void> {
    if (!url || closed) return;
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret });
    let status: Delivery["status"];
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signature, "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = "error";
    }
    deliveries.push({ eventId: event.id, type: event.type, attempt, status });
    const ok = typeof status === "number" && status >= 200 && status < 300;
    const wait = RETRY_AFTER_MS[attempt - 1];
    if (!ok && wait !== undefined) later(wait, () => deliver(event, attempt + 1));
  }

  return {
    newEvent(type: string, object: unknown): StandInEvent {
      const event: StandInEvent = {
        id: newId("evt_"),
        object: "event",
        api_version: STRIPE_API_VERSION,
        created: nowSeconds(),
        data: { object: structuredClone(object) },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
      };
      events.push(event);
      return event;
    },

    /**
     * Sends the event as the mode says. Resolves once the first delivery was answered, so
     * a test that paid sees the webhook handled; with a delay it resolves at once and the
     * delivery comes later (the customer is back before the webhook).
     */
    async dispatch(event: StandInEvent): Promise<void> {
      if (mode === "drop") return;
      const times = mode === "duplicate" ? 2 : 1;
      const run = async () => {
        for (let i = 0; i < times; i++) await deliver(event);
      };
      if (delayMs > 0) later(delayMs, run);
      else await run();
    },

    async resend(eventId: string): Promise<void> {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new Error(`No event ${eventId} at the Stripe stand-in`);
      await deliver(event);
    },

    setUrl: (next: string | null) => void (url = next),
    setMode(next: WebhookMode) {
      if (!["normal", "drop", "duplicate"].includes(next)) throw new Error(`Unknown webhook mode ${String(next)}`);
      mode = next;
    },
    setDelay(ms: number) {
      if (!Number.isInteger(ms) || ms < 0) throw new Error(`Webhook delay must be a whole number of ms, got ${String(ms)}`);
      delayMs = ms;
    },
    events: () => events.map((e) => structuredClone(e)),
    deliveries: () => deliveries.map((d) => ({ ...d })),
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
