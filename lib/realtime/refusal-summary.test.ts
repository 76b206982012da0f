import { describe, expect, it } from "vitest";
import { refusalSummary, type RefusalSummaryFields } from "./refusal-summary.ts";

function harness() {
  let clock = 1_000_000;
  const lines: { fields: RefusalSummaryFields; message: string }[] = [];
  const refused = refusalSummary({ now: () => clock, log: (fields, message) => lines.push({ fields, message }) });
  return {
    lines,
    refused,
    at: (ms: number) => {
      clock = 1_000_000 + ms;
    },
  };
}

describe("refusalSummary", () => {
  it("logs the first refusal at once, then one line per 10 s counting each cap", () => {
    const { lines, refused, at } = harness();
    refused("address");
    expect(lines).toEqual([
      {
        fields: { refusedStreams: 1, perAddressCap: 1, perProcessCap: 0, seconds: 1 },
        message: "refused 1 live stream in the last 1 s (1 at the per-address cap, 0 at the per-process cap)",
      },
    ]);

    at(500);
    refused("address");
    for (let ms = 1_000; ms < 10_000; ms += 100) {
      at(ms);
      refused(ms % 300 === 0 ? "process" : "address");
    }
    expect(lines).toHaveLength(1);

    at(10_000);
    refused("process");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({
      fields: { refusedStreams: 92, perAddressCap: 61, perProcessCap: 31, seconds: 10 },
      message: "refused 92 live streams in the last 10 s (61 at the per-address cap, 31 at the per-process cap)",
    });
  });

  it("starts counting afresh after each line, and after a quiet spell logs the next refusal alone", () => {
    const { lines, refused, at } = harness();
    refused("process");
    at(4_000);
    refused("process");
    at(9_999);
    refused("address");
    expect(lines).toHaveLength(1);

    // An hour later: the two left from the burst and this one, over the span they took.
    at(3_600_000);
    refused("address");
    expect(lines[1]?.fields).toEqual({ refusedStreams: 3, perAddressCap: 2, perProcessCap: 1, seconds: 3_596 });

    at(3_600_000 + 10_000);
    refused("process");
    expect(lines[2]?.fields).toEqual({ refusedStreams: 1, perAddressCap: 0, perProcessCap: 1, seconds: 1 });
  });
});
