import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProgressSteps } from "./progress-steps.tsx";
import type { LiveStatusView } from "./status-view.ts";

const render = (view: Pick<LiveStatusView, "status" | "pickupAt">) => renderToStaticMarkup(createElement(ProgressSteps, { view, ready: view.status === "READY" }));
const current = (html: string) => /<li aria-current="step"[^>]*>.*?<span[^>]*>([^<]+)</.exec(html)?.[1];

describe("progress steps", () => {
  it("has the usual four steps for an order for now", () => {
    const html = render({ status: "QUEUED", pickupAt: null });
    expect(html).not.toContain("Scheduled");
    expect(html).toContain("grid-cols-4");
    expect(current(html)).toBe("Queued");
  });

  it("puts Scheduled first for an order for later, current until it is fired, then done", () => {
    const scheduled = render({ status: "SCHEDULED", pickupAt: "2026-01-02T08:15:00.000Z" });
    expect(scheduled).toContain("grid-cols-5");
    expect(current(scheduled)).toBe("Scheduled");
    const fired = render({ status: "IN_PROGRESS", pickupAt: "2026-01-02T08:15:00.000Z" });
    expect(current(fired)).toBe("Being made");
    expect(fired).toMatch(/Scheduled<span class="sr-only"> \(done\)<\/span>/);
  });
});
