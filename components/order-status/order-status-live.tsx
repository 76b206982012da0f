"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callApi } from "../api/api-client.ts";
import { formatClock } from "../format.ts";
import { IntentLink } from "../intent-link.tsx";
import { ReconnectingBanner } from "../live/reconnecting-banner.tsx";
import { sameData } from "../live/same-data.ts";
import { STREAM_OFF, useEventStream } from "../live/use-event-stream.ts";
import { CancelOrder } from "./cancel-order.tsx";
import { NotifyButton } from "./notify-button.tsx";
import { NotifyOnThisPhone, type PushProps } from "./notify-on-this-phone.tsx";
import { OrderSummary } from "./order-summary.tsx";
import { PaymentState } from "./payment-state.tsx";
import { PickupCountdown } from "./pickup-countdown.tsx";
import { ProgressSteps } from "./progress-steps.tsx";
import { alertReady, unlockAudioOnFirstGesture } from "./ready-alert.ts";
import {
  asStatusView,
  becameReady,
  beforeKitchen,
  headline,
  isFinal,
  keepsListening,
  pickupNote,
  waitText,
  type LiveStatusView,
  type Status,
} from "./status-view.ts";

export function OrderStatusLive({
  token,
  initial,
  timeZone,
  clocks,
  renderedAt,
  returnedFromCheckout = false,
  push = { key: null, subscribed: false, problem: null },
}: {
  token: string;
  initial: LiveStatusView;
  timeZone: string;
  /** The order's times as the server wrote them out (see OrderSummary). */
  clocks: Record<string, string>;
  /** The shop's time when the server rendered the page: the pickup countdown counts from it. */
  renderedAt: string;
  /** The payment page sent the customer back here (?paid=1): its confirmation is on its way. */
  returnedFromCheckout?: boolean;
  /** Web Push for this order (the shop's key, null = off); without push the in-page alert is offered. */
  push?: PushProps;
}) {
  const [view, setView] = useState(initial);
  const [gone, setGone] = useState(false);
  const finished = isFinal(view.status) || gone;
  // Still listening while READY: the kitchen can recall it to remake it.
  const listening = keepsListening(view) && !gone;
  // Only while the order still awaits payment: once paid (or expired) the page says so.
  const confirming = returnedFromCheckout && view.status === "AWAITING_PAYMENT";
  const path = `/api/orders/${encodeURIComponent(token)}`;

  // The stream starts with the full state, usually what the server just rendered: the
  // same view is kept, so the page is not rendered again while it loads.
  const update = useCallback((data: unknown) => {
    const next = asStatusView(data);
    if (next) setView((current) => (sameData(current, next) ? current : next));
  }, []);
  // After a dropped connection, fetch the order once more: the stream resends the full
  // state on connect, but a server that only announces changes would leave a gap.
  const resync = useCallback(() => {
    void callApi(path).then((result) => {
      if (result.ok) update(result.data);
    });
  }, [path, update]);
  // An order the stream cannot find (404) is gone, as when the stream itself says so.
  const stream = useEventStream(
    listening ? `${path}/events` : null,
    { order: update, resync, gone: () => setGone(true) },
    { onReconnect: resync, onEnded: () => setGone(true) },
  );

  useEffect(() => unlockAudioOnFirstGesture(), []);
  // This browser has the order's push subscription: the push is the notification.
  const pushOn = useRef(false);
  const rememberPush = useCallback((on: boolean) => {
    pushOn.current = on;
  }, []);
  const previous = useRef<Status | undefined>(undefined);
  useEffect(() => {
    document.title = `#${view.ticketNumber} · ${view.status === "READY" ? "Ready!" : headline(view, { confirming }).title}`;
    if (becameReady(previous.current, view.status)) alertReady(view.ticketNumber, { notify: !pushOn.current });
    previous.current = view.status;
  }, [view, confirming]);

  const { title, detail } = headline(view, { confirming });
  const clock = (iso: string) => clocks[iso] ?? formatClock(iso, timeZone);
  const ready = view.status === "READY";
  const cancelled = view.status === "CANCELLED";
  const neverMade = cancelled || view.status === "PAYMENT_EXPIRED";
  const wait = waitText(view);
  const pickup = pickupNote(view);
  const notify = [view.notify.sms && "a text", view.notify.email && "an email"].filter(Boolean).join(" and ");

  return (
    <div className="mx-auto max-w-xl px-4 pb-16 pt-6">
      <ReconnectingBanner stream={finished ? STREAM_OFF : stream} className="mb-4" />

      <section
        aria-labelledby="ticket-label"
        data-status={view.status}
        className={`rounded-3xl border p-6 text-center shadow-sm transition-colors duration-500 sm:p-8 ${
          ready ? "border-ready bg-ready text-ready-ink" : neverMade ? "border-line bg-surface-2" : "border-line bg-surface"
        }`}
      >
        <p id="ticket-label" className={`text-sm font-semibold uppercase tracking-[0.18em] ${ready ? "" : "text-muted"}`}>
          Ticket
        </p>
        <p data-testid="ticket-number" className="mt-1 text-8xl font-bold leading-none tracking-tight tabular-nums sm:text-9xl">
          {view.ticketNumber}
        </p>
        <p className={`mt-3 text-lg ${ready ? "" : "text-muted"}`}>for {view.customerName}</p>

        <div aria-live="polite" aria-atomic="true" className="mt-6">
          <h1 data-testid="order-status" data-status={view.status} className={`font-semibold tracking-tight ${ready ? "text-3xl" : "text-2xl"}`}>
            {title}
          </h1>
          <p className="mt-1" data-testid="status-detail">
            {detail}
          </p>
          {pickup && (
            <p className="mt-3 text-sm font-semibold" data-testid="pickup-time">
              {pickup}
            </p>
          )}
          {wait && (
            <p className="mt-3 inline-block rounded-full bg-accent-soft px-3 py-1 text-sm font-semibold" data-testid="wait">
              {wait}
            </p>
          )}
        </div>
        {/* Outside the live region: a screen reader hears the status change, not every passing minute. */}
        {view.pickupAt && (view.status === "SCHEDULED" || view.status === "AWAITING_PAYMENT") && (
          <PickupCountdown pickupAt={view.pickupAt} renderedAt={renderedAt} shown={view.status === "SCHEDULED"} />
        )}

        <PaymentState token={token} view={view} confirming={confirming} clock={clock} />

        {!neverMade && <ProgressSteps view={view} ready={ready} />}
      </section>

      {!finished && view.canCancel === true && (
        <CancelOrder token={token} refundCents={view.paymentMethod === "ONLINE" && view.paymentStatus === "PAID" ? view.totalCents : null} onCancelled={resync} />
      )}

      {!finished && (
        <div className="mt-5 flex flex-col items-center gap-3 text-center">
          <NotifyOnThisPhone token={token} push={push} fallback={<NotifyButton />} onSubscribedChange={rememberPush} />
          <p className="text-sm text-muted">
            {notify && !beforeKitchen(view.status) ? `We'll also send you ${notify} when it's ready. ` : ""}This page updates by itself — no need to refresh.
          </p>
        </div>
      )}

      <OrderSummary view={view} clock={clock} />

      <p className="mt-6 flex justify-center gap-6 text-sm">
        <IntentLink href="/" className="inline-flex min-h-11 items-center font-medium text-accent underline-offset-4 hover:underline">
          Order something else
        </IntentLink>
        <IntentLink href="/my-orders" className="inline-flex min-h-11 items-center font-medium text-accent underline-offset-4 hover:underline">
          My orders
        </IntentLink>
      </p>
    </div>
  );
}
