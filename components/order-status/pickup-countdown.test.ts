import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PickupCountdown } from "./pickup-countdown.tsx";

const render = (shown: boolean) =>
  renderToStaticMarkup(createElement(PickupCountdown, { pickupAt: "2026-01-02T09:20:00.000Z", renderedAt: "2026-01-02T08:15:00.000Z", shown }));

describe("pickup countdown", () => {
  it("counts from the shop's time the page was rendered at", () => {
    expect(render(true)).toContain('<time dateTime="2026-01-02T09:20:00.000Z">Ready for pickup in 1 h 05 min</time>');
  });

  it("shows nothing while the order still awaits payment", () => {
    expect(render(false)).toBe("");
  });
});
