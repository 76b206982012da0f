"use client";

import { useCallback, useState } from "react";
import type { OrderBoardData, OrderBoardEntry } from "../../lib/kitchen/kitchen-types.ts";
import { callApi } from "../api/api-client.ts";
import { ReconnectingBanner } from "../live/reconnecting-banner.tsx";
import { useEventStream } from "../live/use-event-stream.ts";
import { useServerNow } from "../live/use-now.ts";
import { boardView, columnEntries, type Density } from "./board-view.ts";

const isBoard = (data: unknown): data is OrderBoardData => {
  const b = data as Partial<OrderBoardData> | null;
  return !!b && Array.isArray(b.preparing) && Array.isArray(b.ready) && typeof b.readyForSeconds === "number";
};

// Sizes follow the screen (vw/vh), so the same page reads from across the room on a
// 1080p TV and still fits a 1280×800 tablet; a fuller column steps down a size.
const LOOK: Record<Density, { grid: string; number: string; name: string; pad: string }> = {
  large: { grid: "grid-cols-2 gap-[1.6vh]", number: "text-[max(2.5rem,9vh)]", name: "text-[max(1.25rem,3.8vh)]", pad: "px-[2vh] py-[1.6vh]" },
  medium: { grid: "grid-cols-3 gap-[1.4vh]", number: "text-[max(2rem,6.6vh)]", name: "text-[max(1rem,3vh)]", pad: "px-[1.6vh] py-[1.2vh]" },
  small: { grid: "grid-cols-4 gap-[1vh]", number: "text-[max(1.5rem,3.8vh)]", name: "text-[max(0.875rem,1.9vh)]", pad: "px-[1.2vh] py-[0.7vh]" },
};

/** The TV by the pickup counter: what is being made, and what is ready to collect. */
export function OrderBoard({ initial, renderedAt, storeName }: { initial: OrderBoardData; renderedAt: string; storeName: string }) {
  const [data, setData] = useState(initial);
  const now = useServerNow(renderedAt);
  const receive = useCallback((d: unknown) => {
    if (isBoard(d)) setData(d);
  }, []);
  const resync = useCallback(() => {
    void callApi("/api/board").then((result) => {
      if (result.ok) receive(result.data);
    });
  }, [receive]);
  const stream = useEventStream("/api/board/events", { board: receive }, { onReconnect: resync });
  const { preparing, ready } = boardView(data, now);

  return (
    <main className="flex h-dvh flex-col overflow-hidden">
      <header className="flex items-baseline justify-between px-[3vw] pb-[1vh] pt-[2.5vh]">
        <h1 className="text-[clamp(1.5rem,3.5vh,3rem)] font-bold tracking-tight">{storeName}</h1>
        <p className="text-[clamp(1rem,2.4vh,2rem)] text-muted">Watch for your number, or listen for your name</p>
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-[1fr_1.25fr] gap-[2vw] px-[3vw] pb-[3vh]">
        <Column title="Preparing" testId="board-preparing" entries={preparing} empty="Nothing in the works right now" tone="preparing" />
        <Column title="Ready" testId="board-ready" entries={ready} empty="Nothing waiting to be picked up" tone="ready" />
      </div>
      <ReconnectingBanner stream={stream} className="fixed inset-x-0 bottom-4 flex justify-center" />
    </main>
  );
}

function Column({
  title,
  testId,
  entries,
  empty,
  tone,
}: {
  title: string;
  testId: string;
  entries: (OrderBoardEntry & { fresh?: boolean })[];
  empty: string;
  tone: "preparing" | "ready";
}) {
  const { shown, more, density } = columnEntries(entries);
  const look = LOOK[density];
  const ready = tone === "ready";
  return (
    <section aria-labelledby={`${testId}-heading`} data-testid={testId} className={`flex min-h-0 flex-col rounded-[2vh] p-[2.2vh] ${ready ? "bg-ready-soft" : "bg-surface"}`}>
      <h2 id={`${testId}-heading`} className={`mb-[2vh] text-[clamp(2rem,6vh,5.5rem)] font-bold uppercase leading-none tracking-wide ${ready ? "text-ready" : "text-muted"}`}>
        {title}
      </h2>
      {shown.length === 0 ? (
        <p className="text-[clamp(1.25rem,3vh,2.5rem)] text-muted">{empty}</p>
      ) : (
        <ul className={`grid content-start ${look.grid}`}>
          {shown.map((e) => (
            <li
              key={e.ticketNumber}
              data-testid={`board-entry-${e.ticketNumber}`}
              data-fresh={e.fresh ? "true" : undefined}
              className={`min-w-0 rounded-[1.4vh] ${look.pad} ${
                ready ? (e.fresh ? "animate-arrive bg-ready text-ready-ink shadow-[0_0_0_0.6vh_var(--ready-soft),0_0_4vh_var(--ready)]" : "bg-surface text-ink") : "bg-surface-2"
              }`}
            >
              <p className={`font-bold leading-none tabular-nums ${look.number}`}>{e.ticketNumber}</p>
              <p className={`mt-[0.6vh] truncate font-medium leading-tight ${look.name}`}>{e.firstName}</p>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p className="mt-auto pt-[1.5vh] text-[clamp(1.125rem,2.6vh,2.25rem)] font-semibold text-muted">+ {more} more</p>}
    </section>
  );
}
