"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { OrderStatusView } from "../../lib/orders/get-order-status.ts";
import { formatClock, formatMoney } from "../format.ts";
import { ReconnectingBanner } from "../live/reconnecting-banner.tsx";
import { useEventStream } from "../live/use-event-stream.ts";

const STEPS = [
  { key: "PLACED", label: "Received" },
  { key: "QUEUED", label: "In the queue" },
  { key: "IN_PROGRESS", label: "Being made" },
  { key: "READY", label: "Ready" },
] as const;

function headline(view: OrderStatusView): { title: string; detail: string } {
  switch (view.status) {
    case "PLACED":
      return { title: "Order received", detail: "Sending it over to the baristas…" };
    case "QUEUED":
      return { title: "In the queue", detail: "Your order is in line. We'll start on it shortly." };
    case "IN_PROGRESS":
      return view.readyRequestedAt
        ? { title: "Almost ready", detail: "Just putting the lid on." }
        : { title: "Being made", detail: "A barista is making your order right now." };
    case "READY":
      return { title: "Your order is ready — pick it up at the counter", detail: "Enjoy! Ask for your ticket number." };
    case "CANCELLED":
      return { title: "Order cancelled", detail: view.cancelReason ?? "Please ask at the counter." };
  }
}

const isFinal = (status: OrderStatusView["status"]) => status === "READY" || status === "CANCELLED";

export function OrderStatusLive({ token, initial, timeZone }: { token: string; initial: OrderStatusView; timeZone: string }) {
  const [view, setView] = useState(initial);
  const [gone, setGone] = useState(false);
  const finished = isFinal(view.status) || gone;
  const stream = useEventStream(finished ? null : `/api/orders/${encodeURIComponent(token)}/events`, {
    order: (data) => setView(data as OrderStatusView),
    gone: () => setGone(true),
  });

  useEffect(() => {
    const label = view.status === "READY" ? "Ready!" : headline(view).title;
    document.title = `#${view.ticketNumber} · ${label}`;
    if (view.status === "READY" && "vibrate" in navigator) navigator.vibrate?.([200, 100, 200]);
  }, [view]);

  const { title, detail } = headline(view);
  const ready = view.status === "READY";
  const cancelled = view.status === "CANCELLED";
  const stepIndex = STEPS.findIndex((s) => s.key === view.status);
  const notify = [view.notify.sms && "a text", view.notify.email && "an email"].filter(Boolean).join(" and ");

  return (
    <div className="mx-auto max-w-xl px-4 pb-16 pt-6">
      <ReconnectingBanner state={finished ? "off" : stream} className="mb-4" />

      <section
        aria-labelledby="ticket-label"
        data-status={view.status}
        className={`rounded-3xl border p-6 text-center shadow-sm transition-colors duration-500 sm:p-8 ${
          ready ? "border-ready bg-ready text-ready-ink" : cancelled ? "border-line bg-surface-2" : "border-line bg-surface"
        }`}
      >
        <p id="ticket-label" className={`text-sm font-semibold uppercase tracking-[0.18em] ${ready ? "opacity-85" : "text-muted"}`}>
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
          <p className={`mt-1 ${ready ? "opacity-90" : "text-muted"}`}>{detail}</p>
        </div>

        {!cancelled && (
          <ol className="mt-7 grid grid-cols-4 gap-2" aria-label="Progress">
            {STEPS.map((step, i) => {
              const done = i <= stepIndex;
              const current = i === stepIndex;
              return (
                <li key={step.key} aria-current={current ? "step" : undefined} className="flex flex-col items-center gap-2">
                  <span
                    className={`h-1.5 w-full rounded-full transition-colors duration-500 ${
                      done ? (ready ? "bg-ready-ink/80" : "bg-accent") : ready ? "bg-ready-ink/25" : "bg-line"
                    } ${current && !ready ? "animate-pulse" : ""}`}
                  />
                  <span className={`text-xs font-medium ${done ? "" : ready ? "opacity-60" : "text-muted"}`}>{step.label}</span>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      {!finished && (
        <p className="mt-4 text-center text-sm text-muted">
          {notify ? `We'll send you ${notify} when it's ready. ` : ""}This page updates by itself — no need to refresh.
        </p>
      )}

      <section aria-labelledby="items-heading" className="mt-8 rounded-3xl border border-line bg-surface p-5">
        <h2 id="items-heading" className="text-lg font-semibold">
          Your order
        </h2>
        <ul className="mt-2 divide-y divide-line">
          {view.items.map((item, i) => (
            <li key={i} className="flex items-start justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="font-medium">
                  <span className="tabular-nums text-muted">{item.quantity} ×</span> {item.name}
                </p>
                {item.options.length > 0 && <p className="text-sm text-muted">{item.options.join(", ")}</p>}
                {item.note && <p className="text-sm italic text-muted">“{item.note}”</p>}
              </div>
              <span className="shrink-0 tabular-nums">{formatMoney(item.unitPriceCents * item.quantity)}</span>
            </li>
          ))}
        </ul>
        <div className="flex items-baseline justify-between border-t border-line pt-3 font-semibold">
          <span>Total · pay at the counter</span>
          <span className="tabular-nums">{formatMoney(view.totalCents)}</span>
        </div>
        <p className="mt-3 text-xs text-muted">
          Placed at <time dateTime={view.placedAt}>{formatClock(view.placedAt, timeZone)}</time>
          {view.readyAt && (
            <>
              {" "}
              · ready at <time dateTime={view.readyAt}>{formatClock(view.readyAt, timeZone)}</time>
            </>
          )}
        </p>
      </section>

      <p className="mt-6 text-center text-sm text-muted">
        <Link href="/" className="font-medium text-accent underline-offset-4 hover:underline">
          Order something else
        </Link>
      </p>
    </div>
  );
}
