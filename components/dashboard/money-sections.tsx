import type { RefundsReport, RefundView } from "../../lib/dashboard/list-refunds.ts";
import { NOT_STARTED_BY_A_BARISTA, type TipsSummary } from "../../lib/dashboard/tips.ts";
import { formatMoney, storeMoney } from "../format.ts";
import { TableSection } from "./overview-sections.tsx";
import { PostButton } from "./post-button.tsx";

// The dashboard's money that is not sales: tips (the staff's, per day and barista shift)
// and refunds of cancelled online payments, with the failed ones a manager may retry.

const cell = "px-4 py-2.5";

/** Tips of the range: per barista shift (one barista's business day), each day closed by its total. */
export function TipsTable({ tips }: { tips: TipsSummary }) {
  return (
    <TableSection
      title="Tips"
      headers={["Day", "Barista (pressed Start)", "Orders", "With a tip", "Tips"]}
      isEmpty={tips.tipCents === 0}
      emptyText="No tips in this period."
      minWidth="min-w-[560px]"
      testId="tips-table"
      aside={<span className="text-sm text-muted">not part of sales · cancelled orders left out</span>}
    >
      {tips.perDay.flatMap((day) => [
        ...tips.perShift
          .filter((s) => s.businessDate === day.businessDate)
          .map((s) => (
            <tr key={`${s.businessDate}:${s.barista ?? ""}`} data-testid="tips-shift">
              <td className={`${cell} tabular-nums`}>{s.businessDate}</td>
              <td className={`${cell} ${s.barista ? "" : "text-muted"}`}>{s.barista ?? NOT_STARTED_BY_A_BARISTA}</td>
              <td className={`${cell} tabular-nums`}>{s.orders}</td>
              <td className={`${cell} tabular-nums`}>{s.tippedOrders}</td>
              <td className={`${cell} tabular-nums`}>{formatMoney(s.tipCents)}</td>
            </tr>
          )),
        <tr key={`${day.businessDate}:total`} className="font-semibold" data-testid="tips-day">
          <td className={`${cell} tabular-nums`}>{day.businessDate}</td>
          <td className={cell}>Day total</td>
          <td className={`${cell} tabular-nums`}>{day.orders}</td>
          <td className={`${cell} tabular-nums`}>{day.tippedOrders}</td>
          <td className={`${cell} tabular-nums`}>{formatMoney(day.tipCents)}</td>
        </tr>,
      ])}
    </TableSection>
  );
}

const STATUS_STYLE: Record<RefundView["status"], string> = {
  SUCCEEDED: "bg-ready-soft text-ready",
  PENDING: "bg-warn-soft text-warn",
  FAILED: "bg-danger-soft text-danger",
};

function RefundCells({ r, timeZone }: { r: RefundView; timeZone: string }) {
  const when = new Intl.DateTimeFormat(storeMoney().locale, { dateStyle: "short", timeStyle: "short", timeZone });
  return (
    <>
      <td className={`${cell} tabular-nums`}>
        #{r.ticketNumber} <span className="text-xs text-muted">{r.businessDate}</span>
      </td>
      <td className={`${cell} tabular-nums`}>{formatMoney(r.amountCents)}</td>
      <td className={cell}>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[r.status]}`}>
          {r.late ? "pending too long" : r.status.toLowerCase()}
        </span>
        {r.attempt > 1 ? <span className="ml-1 text-xs text-muted">attempt {r.attempt}</span> : null}
      </td>
      <td className={`${cell} whitespace-nowrap tabular-nums`}>
        {when.format(new Date(r.requestedAt))}
        {r.settledAt ? <span className="block text-xs text-muted">settled {when.format(new Date(r.settledAt))}</span> : null}
      </td>
      <td className={`${cell} font-mono text-xs`}>{r.providerRefundId ?? "—"}</td>
    </>
  );
}

const REFUND_HEADERS = ["Ticket", "Amount", "Status", "Requested", "Provider id"] as const;

/**
 * Refunds a manager must look at, whatever the range: FAILED ones get Retry (a new attempt
 * through the worker); late PENDING ones are the queue's, shown so someone checks the worker.
 */
export function RefundsNeedingAttention({ refunds, timeZone }: { refunds: RefundsReport["needsAttention"]; timeZone: string }) {
  if (refunds.length === 0) return null;
  return (
    <TableSection
      title="Refunds needing attention"
      headers={[...REFUND_HEADERS, "Why", ""]}
      isEmpty={false}
      emptyText=""
      minWidth="min-w-[760px]"
      testId="refunds-attention"
    >
      {refunds.map((r) => (
        <tr key={r.orderId} data-testid="refund-attention" data-ticket={r.ticketNumber} data-status={r.status}>
          <RefundCells r={r} timeZone={timeZone} />
          <td className={`${cell} max-w-[260px] truncate ${r.status === "FAILED" ? "text-danger" : "text-warn"}`} title={r.lastError ?? undefined}>
            {r.status === "FAILED" ? (r.lastError ?? "the provider refused it") : "the worker has not settled it yet (is it running?)"}
          </td>
          <td className={cell}>
            {r.status === "FAILED" ? <PostButton url={`/api/dashboard/refunds/${r.orderId}/retry`} label="Retry" pendingLabel="Retrying…" testId="retry-refund" /> : null}
          </td>
        </tr>
      ))}
    </TableSection>
  );
}

export function RefundsTable({ refunds, timeZone }: { refunds: RefundsReport["inRange"]; timeZone: string }) {
  return (
    <TableSection title="Refunds" headers={REFUND_HEADERS} isEmpty={refunds.length === 0} emptyText="No refunds for orders of this period." minWidth="min-w-[640px]" testId="refunds-table">
      {refunds.map((r) => (
        <tr key={r.orderId} data-testid="refund" data-ticket={r.ticketNumber} data-status={r.status}>
          <RefundCells r={r} timeZone={timeZone} />
        </tr>
      ))}
    </TableSection>
  );
}
