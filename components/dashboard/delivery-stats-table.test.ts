import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { computeDeliveryStats } from "../../lib/dashboard/delivery-stats.ts";
import { OPTED_OUT_REASON } from "../../lib/notifications/claim-notifications.ts";
import { DeliveryStatsTables } from "./delivery-stats-table.tsx";

const stats = computeDeliveryStats(
  [
    { day: "2026-12-05", channel: "PUSH", status: "SENT", skipReason: null, count: 4 },
    { day: "2026-12-04", channel: "SMS", status: "SKIPPED", skipReason: OPTED_OUT_REASON, count: 2 },
    { day: "2026-12-05", channel: "SMS", status: "PENDING", skipReason: null, count: 1 },
  ],
  "2026-12-05",
);
const html = renderToStaticMarkup(createElement(DeliveryStatsTables, { stats, timeZone: "Europe/London" }));
const table = (channel: string) => new RegExp(`<table[^>]*data-channel="${channel}".*?</table>`, "s").exec(html)?.[0] ?? "";
const cell = (tableHtml: string, day: string, stat: string) =>
  new RegExp(`data-day="${day}".*?data-stat="${stat}"[^>]*>(.*?)</td>`, "s").exec(tableHtml)?.[1];

describe("delivery stats tables", () => {
  it("is one captioned table per channel, named as customers say them, with column and row headers", () => {
    expect([...html.matchAll(/<caption[^>]*><span[^>]*>(\w+)<\/span>/g)].map((m) => m[1])).toEqual(["Text", "Email", "Push"]);
    expect(html).toContain('<th scope="colgroup" colSpan="3"');
    expect(table("SMS").match(/<th scope="row"/g)).toHaveLength(8);
    expect(table("SMS")).toMatch(/<time dateTime="2026-12-05">Today<\/time>.*<time dateTime="2026-12-04">Yesterday<\/time>.*<time dateTime="2026-12-03">Thu 3 Dec<\/time>/s);
  });

  it("puts each count in its channel, day and column", () => {
    expect(cell(table("PUSH"), "2026-12-05", "sent")).toBe("4");
    expect(cell(table("SMS"), "2026-12-05", "sent")).toBe("0");
    expect(cell(table("SMS"), "2026-12-04", "optedOut")).toBe("2");
    expect(table("SMS")).toContain("1 still being sent");
    expect(table("EMAIL")).not.toContain("still being sent");
  });

  it("marks the daily limit as not applying to push, for sighted and screen-reader users", () => {
    expect(cell(table("PUSH"), "2026-12-05", "dailyLimit")).toContain('<span class="sr-only">does not apply</span>');
    expect(cell(table("SMS"), "2026-12-05", "dailyLimit")).toBe("0");
  });
});
