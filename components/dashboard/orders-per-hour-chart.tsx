"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const label = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** Orders placed per hour of the store's day; hours outside the busy span are trimmed. */
export function OrdersPerHourChart({ perHour }: { perHour: { hour: number; orders: number }[] }) {
  const busy = perHour.filter((h) => h.orders > 0);
  const first = Math.max(0, Math.min(...busy.map((h) => h.hour), 7) - 1);
  const last = Math.min(23, Math.max(...busy.map((h) => h.hour), 17) + 1);
  const data = perHour.slice(first, last + 1).map((h) => ({ hour: label(h.hour), orders: h.orders }));
  return (
    <div className="h-64 w-full" data-testid="orders-per-hour" role="img" aria-label={`Orders per hour: ${busy.map((h) => `${label(h.hour)} ${h.orders}`).join(", ") || "none"}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="hour" tick={{ fill: "var(--muted)", fontSize: 12 }} tickLine={false} axisLine={{ stroke: "var(--line)" }} />
          <YAxis allowDecimals={false} tick={{ fill: "var(--muted)", fontSize: 12 }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "var(--accent-soft)" }} contentStyle={{ background: "var(--surface)", border: "1px solid var(--line)", borderRadius: 12 }} />
          <Bar dataKey="orders" name="Orders" fill="var(--accent)" radius={[6, 6, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
