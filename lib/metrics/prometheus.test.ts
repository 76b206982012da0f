import { describe, expect, it } from "vitest";
import { createHistogram, renderMetrics } from "./prometheus.ts";

describe("renderMetrics", () => {
  it("writes HELP, TYPE and one line per sample with escaped label values", () => {
    const text = renderMetrics([
      {
        name: "brewline_orders",
        help: "Orders today by status",
        type: "gauge",
        samples: [
          { labels: { status: "QUEUED" }, value: 3 },
          { labels: { status: 'we"ird\\\nname' }, value: 0 },
        ],
      },
      { name: "brewline_up", help: "1", type: "gauge", samples: [{ value: Infinity }] },
    ]);
    expect(text).toBe(
      [
        "# HELP brewline_orders Orders today by status",
        "# TYPE brewline_orders gauge",
        'brewline_orders{status="QUEUED"} 3',
        'brewline_orders{status="we\\"ird\\\\\\nname"} 0',
        "# HELP brewline_up 1",
        "# TYPE brewline_up gauge",
        "brewline_up +Inf",
        "",
      ].join("\n"),
    );
  });
});

describe("createHistogram", () => {
  it("counts cumulatively per label set, with +Inf, sum and count", () => {
    const h = createHistogram({ name: "t_seconds", help: "t", buckets: [0.1, 0.01, 1] });
    h.observe({ queue: "orders" }, 0.005);
    h.observe({ queue: "orders" }, 0.05);
    h.observe({ queue: "orders" }, 5);
    h.observe({ queue: "notifications" }, 0.5);
    const lines = renderMetrics([h.family()]).split("\n");
    expect(lines).toContain('t_seconds_bucket{queue="orders",le="0.01"} 1');
    expect(lines).toContain('t_seconds_bucket{queue="orders",le="0.1"} 2');
    expect(lines).toContain('t_seconds_bucket{queue="orders",le="1"} 2');
    expect(lines).toContain('t_seconds_bucket{queue="orders",le="+Inf"} 3');
    expect(lines).toContain('t_seconds_sum{queue="orders"} 5.055');
    expect(lines).toContain('t_seconds_count{queue="orders"} 3');
    expect(lines).toContain('t_seconds_bucket{queue="notifications",le="0.1"} 0');
    expect(lines).toContain('t_seconds_count{queue="notifications"} 1');
  });
});
