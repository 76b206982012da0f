import type { BookedSlot, BookedSlotsDay, BookedSlotsView } from "../../lib/schedule/get-booked-slots.ts";
import { TableSection } from "./overview-sections.tsx";
import { PostButton } from "./post-button.tsx";

// The café's pickup slots: what is booked for the next open day (the headline: the
// morning's prep depends on it) and for today, with a switch per slot to stop new bookings.

const cell = "px-4 py-2.5";
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function SlotState({ slot }: { slot: BookedSlot }) {
  if (slot.paused) return <span className="rounded-full bg-danger-soft px-2.5 py-0.5 text-xs font-semibold text-danger">Paused</span>;
  if (!slot.isSlot) return <span className="text-xs text-muted">not a slot under today&apos;s settings</span>;
  if (slot.started) return <span className="text-xs text-muted">started</span>;
  if (slot.bookedDrinks >= slot.capacity) return <span className="rounded-full bg-warn-soft px-2.5 py-0.5 text-xs font-semibold text-warn">Full</span>;
  return <span className="text-xs text-muted">open</span>;
}

function SlotRow({ slot }: { slot: BookedSlot }) {
  // A slot under way takes no bookings anyway; a paused one may still be resumed (tidying up).
  const canToggle = slot.isSlot && (!slot.started || slot.paused);
  return (
    <tr data-testid="slot-row" data-starts-at={slot.startsAt} data-paused={slot.paused} className={slot.started && !slot.paused ? "text-muted" : slot.paused ? "bg-danger-soft/40" : ""}>
      <td className={`${cell} font-medium tabular-nums`}>{slot.label}</td>
      <td className={`${cell} tabular-nums`} data-testid="slot-orders">
        {slot.bookedOrders}
      </td>
      <td className={`${cell} tabular-nums`} data-testid="slot-drinks">
        {slot.bookedDrinks} / {slot.capacity}
      </td>
      <td className={cell}>
        <SlotState slot={slot} />
      </td>
      <td className={`${cell} text-right`}>
        {canToggle ? (
          <PostButton
            url="/api/dashboard/slots/pause"
            body={{ startsAt: slot.startsAt, paused: !slot.paused }}
            label={slot.paused ? "Resume" : "Pause"}
            pendingLabel={slot.paused ? "Resuming…" : "Pausing…"}
            testId={slot.paused ? "resume-slot" : "pause-slot"}
          />
        ) : null}
      </td>
    </tr>
  );
}

function DayTable({ day, title, emptyText }: { day: BookedSlotsDay; title: string; emptyText: string }) {
  return (
    <TableSection
      title={title}
      headers={["Time", "Orders", "Drinks / capacity", "State", ""]}
      isEmpty={day.slots.length === 0}
      emptyText={emptyText}
      minWidth="min-w-[560px]"
      testId={`slots-${day.day}`}
      aside={
        <span className="text-sm text-muted">
          {plural(day.bookedOrders, "order")} · {plural(day.bookedDrinks, "drink")} booked
        </span>
      }
    >
      {day.slots.map((slot) => (
        <SlotRow key={slot.startsAt} slot={slot} />
      ))}
    </TableSection>
  );
}

/** The next open day's bookings at a glance: the busiest slots first-hand, before the full table. */
function NextDayHeadline({ day }: { day: BookedSlotsDay }) {
  const booked = day.slots.filter((s) => s.bookedOrders > 0);
  const paused = day.slots.filter((s) => s.paused).length;
  return (
    <div className="rounded-2xl border border-line bg-surface p-5" data-testid="next-day-headline">
      <p className="text-sm text-muted">{day.dayLabel}&apos;s booked slots</p>
      <p className="mt-1 text-3xl font-semibold tabular-nums">
        {plural(day.bookedOrders, "order")} · {plural(day.bookedDrinks, "drink")}
      </p>
      <p className="mt-1 text-sm text-muted">
        {booked.length === 0 ? "Nothing booked yet." : `In ${plural(booked.length, "slot")}: ${booked.map((s) => `${s.label} (${s.bookedDrinks})`).join(", ")}.`}
        {paused > 0 ? ` ${plural(paused, "slot")} paused.` : ""}
      </p>
    </div>
  );
}

export function SlotsOverview({ view }: { view: BookedSlotsView }) {
  return (
    <>
      {view.scheduledOrders ? null : (
        <p role="status" className="rounded-2xl border border-warn/40 bg-warn-soft px-4 py-3 text-warn">
          Order ahead is off (Store page): customers cannot book slots. Orders booked before still show here and reach the kitchen on time.
        </p>
      )}
      {view.next ? (
        <>
          <NextDayHeadline day={view.next} />
          <DayTable day={view.next} title={`${view.next.dayLabel}'s slots`} emptyText="No slots." />
        </>
      ) : (
        <p className="rounded-2xl border border-dashed border-line p-5 text-muted">The store opens on no day in the coming week: no slots to book after today.</p>
      )}
      <DayTable day={view.today} title="Today's slots" emptyText="No pickup slots today: the store is closed." />
    </>
  );
}
