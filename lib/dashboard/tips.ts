// Tips for the manager's dashboard and payroll: per business day and per barista shift.
// Pure (tips.test.ts). A cancelled order's tip is not the shop's (refunded, or never
// paid), so only orders that were not cancelled count.

/** The row label for orders nobody pressed Start on (served straight from ready, say). */
export const NOT_STARTED_BY_A_BARISTA = "Not started by a barista";

export type TipsOrder = { businessDate: string; status: string; claimedBy: string | null; tipCents: number };

type TipTotal = { orders: number; tippedOrders: number; tipCents: number };

export type TipsSummary = TipTotal & {
  perDay: ({ businessDate: string } & TipTotal)[];
  /** A shift is one barista's orders of one business day (by who pressed Start); barista null = nobody did. */
  perShift: ({ businessDate: string; barista: string | null } & TipTotal)[];
};

const empty = (): TipTotal => ({ orders: 0, tippedOrders: 0, tipCents: 0 });

function addTo(total: TipTotal, tipCents: number) {
  total.orders++;
  if (tipCents > 0) total.tippedOrders++;
  total.tipCents += tipCents;
}

export function computeTips(orders: readonly TipsOrder[]): TipsSummary {
  const all = empty();
  const days = new Map<string, TipTotal>();
  // Keyed by date and barista; JSON keeps a name containing any separator unambiguous.
  const shifts = new Map<string, { businessDate: string; barista: string | null } & TipTotal>();
  for (const o of orders) {
    if (o.status === "CANCELLED") continue;
    addTo(all, o.tipCents);
    const day = days.get(o.businessDate) ?? empty();
    addTo(day, o.tipCents);
    days.set(o.businessDate, day);
    const barista = o.claimedBy?.trim() || null;
    const key = JSON.stringify([o.businessDate, barista]);
    const shift = shifts.get(key) ?? { businessDate: o.businessDate, barista, ...empty() };
    addTo(shift, o.tipCents);
    shifts.set(key, shift);
  }
  return {
    ...all,
    perDay: [...days].map(([businessDate, t]) => ({ businessDate, ...t })).sort((a, b) => a.businessDate.localeCompare(b.businessDate)),
    perShift: [...shifts.values()].sort(
      (a, b) =>
        a.businessDate.localeCompare(b.businessDate) ||
        // The unattributed row last in its day, the others by tips, then name.
        Number(a.barista === null) - Number(b.barista === null) ||
        b.tipCents - a.tipCents ||
        (a.barista ?? "").localeCompare(b.barista ?? ""),
    ),
  };
}
