"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { callApi } from "../api/api-client.ts";
import { formatMoney, storeMoney } from "../format.ts";
import { asStatusView, shortStatus, type LiveStatusView } from "../order-status/status-view.ts";
import { loadHistory, type PastOrder } from "./order-history.ts";

/** Often enough to feel live on a phone left open at the counter, rare enough for a list of 20. */
const REFRESH_MS = 15_000;

type Row = PastOrder & { view?: LiveStatusView | null };

async function fetchView(token: string): Promise<LiveStatusView | null> {
  const result = await callApi(`/api/orders/${encodeURIComponent(token)}`);
  return result.ok ? asStatusView(result.data) : null;
}

/** The orders placed from this device, with their current status (fetched, then refreshed while the tab is visible). */
export function MyOrdersList() {
  const [rows, setRows] = useState<Row[] | null>(null);

  useEffect(() => {
    const history = loadHistory(typeof window === "undefined" ? undefined : window.localStorage);
    let cancelled = false;
    const refresh = async () => {
      if (document.visibilityState !== "visible") return;
      const views = await Promise.all(history.map((o) => fetchView(o.token)));
      if (!cancelled) setRows(history.map((o, i) => ({ ...o, view: views[i] })));
    };
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRows(history);
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, []);

  if (rows === null) return <p className="mt-6 text-muted">Loading…</p>;
  if (rows.length === 0) {
    return (
      <div className="mt-6 rounded-2xl border border-dashed border-line p-8 text-center">
        <p className="text-muted">No orders from this device yet.</p>
        <Link href="/" className="mt-4 inline-flex min-h-12 items-center rounded-2xl bg-accent px-6 font-semibold text-accent-ink hover:bg-accent-strong">
          See the menu
        </Link>
      </div>
    );
  }
  return (
    <ul className="mt-6 space-y-3" data-testid="my-orders">
      {rows.map((row) => (
        <li key={row.token}>
          <OrderRow row={row} />
        </li>
      ))}
    </ul>
  );
}

function itemCount(view: LiveStatusView) {
  const n = view.items.reduce((sum, i) => sum + i.quantity, 0);
  return `${n} ${n === 1 ? "item" : "items"}`;
}

function OrderRow({ row }: { row: Row }) {
  const view = row.view;
  const status = view ? shortStatus(view) : view === null ? "Status unavailable" : "Checking…";
  const ready = view?.status === "READY";
  return (
    <Link
      href={`/orders/${row.token}`}
      data-testid="my-order"
      data-status={view?.status}
      className={`flex min-h-16 items-center gap-4 rounded-2xl border p-4 transition hover:border-accent/60 ${ready ? "border-ready bg-ready-soft" : "border-line bg-surface"}`}
    >
      <span className="w-16 shrink-0 text-center text-3xl font-bold tabular-nums">{row.ticketNumber}</span>
      <span className="min-w-0 flex-1">
        <span className="block font-semibold">{status}</span>
        <span className="block truncate text-sm text-muted">
          {new Date(row.placedAt).toLocaleString(storeMoney().locale, { weekday: "short", hour: "numeric", minute: "2-digit" })} · {formatMoney(view?.totalCents ?? row.totalCents)}
          {view ? ` · ${itemCount(view)}` : ""}
        </span>
      </span>
      <span aria-hidden="true" className="text-xl text-muted">
        ›
      </span>
    </Link>
  );
}
