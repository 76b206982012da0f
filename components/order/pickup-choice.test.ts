import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PickupChoice } from "./pickup-choice.tsx";
import type { PickupPanel } from "./use-pickup-slots.ts";

// The markup of the checkout's pickup choice (server-rendered: no browser needed).

const panel = (patch: Partial<PickupPanel> = {}): PickupPanel => ({
  mode: "scheduled",
  setMode: () => {},
  asapAvailable: true,
  groups: [
    {
      label: "Today",
      options: [
        { value: "2026-01-02T08:15:00.000Z", text: "8:15 (full)", disabled: true },
        { value: "2026-01-02T08:30:00.000Z", text: "8:30", disabled: false },
      ],
    },
    { label: "Tomorrow", options: [{ value: "2026-01-03T07:00:00.000Z", text: "7:00", disabled: false }] },
  ],
  selected: "2026-01-02T08:30:00.000Z",
  select: () => {},
  stale: false,
  ...patch,
});

const render = (p: PickupPanel, disabled = false) => renderToStaticMarkup(createElement(PickupChoice, { panel: p, disabled }));

describe("pickup choice", () => {
  it("is a labelled group of two choices with the slots by day, full ones not choosable", () => {
    const html = render(panel());
    expect(html).toMatch(/<fieldset[^>]*data-testid="pickup"[^>]*><legend[^>]*>Pickup<\/legend>/);
    expect(html).toContain("As soon as possible");
    expect(html).toContain("Schedule for later");
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>Pickup time<\/label><select id="\1"/);
    expect(html).toContain('<optgroup label="Today"><option value="2026-01-02T08:15:00.000Z" disabled="">8:15 (full)</option>');
    expect(html).toContain('<option value="2026-01-02T08:30:00.000Z" selected="">8:30</option>');
    expect(html).toContain('<optgroup label="Tomorrow">');
    expect(html).not.toContain('data-testid="pickup-note"');
  });

  it("shows no time list for as soon as possible", () => {
    const html = render(panel({ mode: "asap" }));
    expect(html).not.toContain("<select");
    expect(html).toMatch(/<input type="radio"[^>]* checked=""[^>]* value="asap"/);
  });

  it("cannot choose as soon as possible while the store takes no orders", () => {
    const html = render(panel({ asapAvailable: false, mode: "scheduled" }));
    expect(html).toMatch(/<input type="radio" disabled=""[^>]* value="asap"/);
    expect(html).toMatch(/<input type="radio"[^>]* checked=""[^>]* value="scheduled"/);
    expect(html).toContain("Not available right now");
  });

  it("asks for a time when none that fits is chosen, and says when every time is full", () => {
    const none = render(panel({ selected: "" }));
    expect(none).toContain('aria-invalid="true"');
    expect(none).toContain("Choose a pickup time.");
    const full = render(panel({ selected: "", groups: [{ label: "Today", options: [{ value: "x", text: "8:15 (full)", disabled: true }] }] }));
    expect(full).toContain("Every time left is full for this order");
  });
});
