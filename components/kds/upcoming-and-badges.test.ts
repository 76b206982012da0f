import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { board, ticket } from "./test-tickets.ts";
import { TicketCard } from "./ticket-card.tsx";
import { UpcomingStrip } from "./upcoming-strip.tsx";

// The markup the kitchen reads for scheduled orders (server-rendered: no browser needed).

const card = (patch: Parameters<typeof ticket>[1]) =>
  renderToStaticMarkup(
    createElement(TicketCard, {
      ticket: ticket(7, patch),
      index: 0,
      now: Date.parse("2026-01-01T10:01:00.000Z"),
      settings: board([]).settings,
      selected: false,
      stationView: false,
      pending: undefined,
      onSelect: () => {},
      onAction: () => {},
    }),
  );

describe("scheduled orders on the kitchen display", () => {
  it("shows a fired order's pickup time, and Late only when it was fired late", () => {
    const onTime = card({ pickupAt: "2026-01-01T10:15:00.000Z", pickupLabel: "8:15", late: false });
    expect(onTime).toContain("Pickup 8:15");
    expect(onTime).not.toContain('data-testid="kds-fired-late"');
    const late = card({ pickupAt: "2026-01-01T10:15:00.000Z", pickupLabel: "8:15", late: true });
    expect(late).toContain('data-testid="kds-fired-late"');
    expect(late).toContain("Late");
    const asap = card({});
    expect(asap).not.toContain("Pickup");
    expect(asap).not.toContain('data-testid="kds-fired-late"');
  });

  it("lists upcoming slots, and nothing at all when none is booked", () => {
    expect(renderToStaticMarkup(createElement(UpcomingStrip, { upcoming: [] }))).toBe("");
    const strip = renderToStaticMarkup(
      createElement(UpcomingStrip, {
        upcoming: [
          { startsAt: "2026-01-01T13:15:00.000Z", label: "8:15", orders: 3, drinks: 5 },
          { startsAt: "2026-01-01T13:30:00.000Z", label: "8:30", orders: 1, drinks: 1 },
        ],
      }),
    );
    expect(strip).toContain("Upcoming");
    const slots = [...strip.matchAll(/data-testid="kds-upcoming-slot"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(slots).toEqual(["8:15 · 3 orders · 5 drinks", "8:30 · 1 order · 1 drink"]);
  });
});
