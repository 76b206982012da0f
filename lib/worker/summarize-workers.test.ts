import { describe, expect, it } from "vitest";
import type { WorkerView } from "./list-worker-heartbeats.ts";
import { summarizeWorkers } from "./summarize-workers.ts";

const worker = (over: Partial<WorkerView>): WorkerView => ({
  workerId: "w",
  hostname: "h",
  pid: 1,
  startedAt: "2026-12-05T08:00:00.000Z",
  lastBeatAt: "2026-12-05T09:00:00.000Z",
  secondsSinceBeat: 0,
  processed: 0,
  failed: 0,
  stoppedAt: null,
  alive: false,
  ...over,
});

describe("summarizeWorkers", () => {
  it("is up while any worker beats", () => {
    const s = summarizeWorkers([worker({ alive: true, lastBeatAt: "2026-12-05T09:00:05.000Z" }), worker({ workerId: "old" })]);
    expect(s).toEqual({ status: "up", alive: 1, lastBeatAt: "2026-12-05T09:00:05.000Z", downSince: null });
  });

  it("is down since the last beat or clean stop of the most recent worker", () => {
    const s = summarizeWorkers([
      worker({ workerId: "killed", lastBeatAt: "2026-12-05T09:10:00.000Z" }),
      worker({ workerId: "stopped", lastBeatAt: "2026-12-05T09:11:00.000Z", stoppedAt: "2026-12-05T09:11:02.000Z" }),
      worker({ workerId: "older", lastBeatAt: "2026-12-05T08:00:00.000Z" }),
    ]);
    expect(s).toEqual({ status: "down", alive: 0, lastBeatAt: "2026-12-05T09:11:00.000Z", downSince: "2026-12-05T09:11:02.000Z" });
  });

  it("says none when no worker ever checked in", () => {
    expect(summarizeWorkers([])).toEqual({ status: "none", alive: 0, lastBeatAt: null, downSince: null });
  });
});
