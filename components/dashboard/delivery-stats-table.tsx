import { DAILY_LIMITED_CHANNELS, DELIVERY_DAYS, type ChannelDelivery, type DeliveryCounts, type DeliveryStats } from "../../lib/dashboard/delivery-stats.ts";
import { shiftDay } from "../../lib/dashboard/date-range.ts";
import { Section } from "./overview-sections.tsx";

// Per channel, one small table a phone shows without scrolling: a row per store day,
// today first. Skips are split by reason, since "opted out" is the customer's choice,
// "daily limit" is the shop's guard against being used to spam someone, and the rest
// (push turned off) is neither.

const dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

function dayLabel(day: string, today: string): string {
  if (day === today) return "Today";
  if (day === shiftDay(today, -1)) return "Yesterday";
  return dayFormat.format(new Date(`${day}T12:00:00Z`));
}

type Stat = keyof Omit<DeliveryCounts, "inFlight" | "skipped">;

function Count({ counts, stat, channel, tone }: { counts: DeliveryCounts; stat: Stat; channel: ChannelDelivery["channel"]; tone?: string }) {
  if (stat === "dailyLimit" && !DAILY_LIMITED_CHANNELS.has(channel)) {
    return (
      <td className="px-1.5 py-2 sm:px-2 text-right text-muted" data-stat={stat}>
        <span aria-hidden="true">—</span>
        <span className="sr-only">does not apply</span>
      </td>
    );
  }
  const n = counts[stat];
  return (
    <td className={`px-1.5 py-2 sm:px-2 text-right ${n === 0 ? "text-muted" : (tone ?? "")}`} data-stat={stat}>
      {n}
    </td>
  );
}

function CountCells({ counts, channel }: { counts: DeliveryCounts; channel: ChannelDelivery["channel"] }) {
  return (
    <>
      <Count counts={counts} stat="sent" channel={channel} tone="font-semibold text-ready" />
      <Count counts={counts} stat="failed" channel={channel} tone="font-semibold text-danger" />
      <Count counts={counts} stat="optedOut" channel={channel} />
      <Count counts={counts} stat="dailyLimit" channel={channel} tone="font-semibold text-warn" />
      <Count counts={counts} stat="otherSkipped" channel={channel} />
    </>
  );
}

const th = "border-b border-line px-1.5 py-2 align-bottom font-medium sm:px-2";

function ChannelTable({ delivery, today }: { delivery: ChannelDelivery; today: string }) {
  const { channel, total } = delivery;
  return (
    <div className="overflow-x-auto rounded-2xl border border-line bg-surface">
      <table className="w-full text-sm tabular-nums" data-testid="delivery-stats-table" data-channel={channel}>
        <caption className="px-3 pt-3 text-left">
          <span className="font-semibold">{delivery.label}</span>
          {total.inFlight > 0 ? (
            <span className="text-muted" data-testid="delivery-in-flight">
              {" "}
              · {total.inFlight} still being sent
            </span>
          ) : null}
        </caption>
        <colgroup span={3} />
        <colgroup span={3} />
        <thead className="text-muted">
          <tr>
            <th scope="col" rowSpan={2} className={`${th} text-left`}>
              Day
            </th>
            <th scope="col" rowSpan={2} className={`${th} text-right`}>
              Sent
            </th>
            <th scope="col" rowSpan={2} className={`${th} text-right`}>
              Failed
            </th>
            <th scope="colgroup" colSpan={3} className={`${th} text-center`}>
              Skipped
            </th>
          </tr>
          <tr>
            <th scope="col" className={`${th} text-right`}>
              Opted out
            </th>
            <th scope="col" className={`${th} text-right`}>
              Daily limit
            </th>
            <th scope="col" className={`${th} text-right`}>
              Other
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {delivery.days.map((d) => (
            <tr key={d.day} data-testid="delivery-day" data-day={d.day}>
              <th scope="row" className="whitespace-nowrap px-1.5 py-2 sm:px-2 text-left font-normal">
                <time dateTime={d.day}>{dayLabel(d.day, today)}</time>
              </th>
              <CountCells counts={d} channel={channel} />
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-line font-semibold">
          <tr data-testid="delivery-total">
            <th scope="row" className="whitespace-nowrap px-1.5 py-2 sm:px-2 text-left">
              {DELIVERY_DAYS} days
            </th>
            <CountCells counts={total} channel={channel} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function DeliveryStatsTables({ stats, timeZone }: { stats: DeliveryStats; timeZone: string }) {
  return (
    <Section title={`Delivery, last ${DELIVERY_DAYS} days`} aside={<span className="text-sm text-muted">Store days in {timeZone}</span>}>
      <div className="grid gap-3 lg:grid-cols-3" data-testid="delivery-stats">
        {stats.channels.map((c) => (
          <ChannelTable key={c.channel} delivery={c} today={stats.today} />
        ))}
      </div>
    </Section>
  );
}
