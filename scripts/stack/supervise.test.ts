import { describe, expect, it } from "vitest";
import { createSupervisor, formatDuration, giveUpMessage, RESTART_POLICY, restartMessage, type CrashDecision } from "./supervise.ts";

const S = 1000;

/** Crashes after running `ranMs` each, restarted after the delay the supervisor asked for; returns its decisions. */
function crashRepeatedly(ranMs: number[], start = 0): CrashDecision[] {
  const supervisor = createSupervisor();
  const decisions: CrashDecision[] = [];
  let startedAt = start;
  for (const ran of ranMs) {
    const decision = supervisor.crashed(startedAt, startedAt + ran);
    decisions.push(decision);
    if (decision.action === "restart") startedAt += ran + decision.delayMs;
  }
  return decisions;
}

describe("restart policy", () => {
  it("backs off 1 s, 2 s, 4 s, 8 s for crashes in a row, and gives up on the 5th within 2 minutes", () => {
    expect(crashRepeatedly([100, 100, 100, 100, 100])).toEqual([
      { action: "restart", delayMs: 1 * S, crashesInWindow: 1 },
      { action: "restart", delayMs: 2 * S, crashesInWindow: 2 },
      { action: "restart", delayMs: 4 * S, crashesInWindow: 3 },
      { action: "restart", delayMs: 8 * S, crashesInWindow: 4 },
      { action: "give-up", crashesInWindow: 5 },
    ]);
  });

  it("caps the delay at 30 s when crashes keep coming but too slowly to be a loop", () => {
    // Each run lasts 50 s (not stable): at most 2 crashes fit in any 2-minute window.
    const decisions = crashRepeatedly(Array.from({ length: 9 }, () => 50 * S));
    expect(decisions.map((d) => d.action === "restart" && d.delayMs)).toEqual([1, 2, 4, 8, 16, 30, 30, 30, 30].map((s) => s * S));
    expect(Math.max(...decisions.map((d) => d.crashesInWindow))).toBeLessThan(RESTART_POLICY.crashLimit);
  });

  it("starts over at 1 s after a run of 60 s or more", () => {
    const decisions = crashRepeatedly([100, 100, 60 * S, 100]);
    expect(decisions.map((d) => d.action === "restart" && d.delayMs)).toEqual([1, 2, 1, 2].map((s) => s * S));
  });

  it("a run just short of 60 s does not reset the delay", () => {
    const decisions = crashRepeatedly([100, 100, 59_999]);
    expect(decisions.map((d) => d.action === "restart" && d.delayMs)).toEqual([1, 2, 4].map((s) => s * S));
  });

  it("counts only the crashes of the last 2 minutes towards the loop", () => {
    const supervisor = createSupervisor();
    // Four quick crashes, then a quiet 2 minutes: the next crash is the first of a new window.
    for (const at of [0, 2, 5, 10]) expect(supervisor.crashed(at * S - 100, at * S).action).toBe("restart");
    expect(supervisor.crashed(130 * S - 100, 130 * S)).toMatchObject({ action: "restart", crashesInWindow: 1 });
    // Exactly at the window's edge the oldest crash has left it.
    const edge = createSupervisor();
    for (const at of [0, 30, 60, 90]) edge.crashed(at * S - 100, at * S);
    expect(edge.crashed(120 * S - 100, 120 * S)).toMatchObject({ action: "restart", crashesInWindow: 4 });
    expect(edge.crashed(121 * S - 100, 121 * S)).toMatchObject({ action: "give-up", crashesInWindow: 5 });
  });

  it("a stable run resets the delay but not the crash count", () => {
    // Stability is about the delay; five crashes in 2 minutes are still a loop.
    const supervisor = createSupervisor({ ...RESTART_POLICY, stableAfterMs: 5 * S });
    const decisions = [0, 10, 20, 30, 40].map((at) => supervisor.crashed(at * S - 6 * S, at * S));
    expect(decisions.slice(0, 4).map((d) => d.action === "restart" && d.delayMs)).toEqual([S, S, S, S]);
    expect(decisions[4]).toEqual({ action: "give-up", crashesInWindow: 5 });
  });

  it("follows a policy it is given", () => {
    const supervisor = createSupervisor({ firstDelayMs: 10, maxDelayMs: 25, stableAfterMs: 1000, crashLimit: 3, crashWindowMs: 1000 });
    expect(supervisor.crashed(0, 1)).toEqual({ action: "restart", delayMs: 10, crashesInWindow: 1 });
    expect(supervisor.crashed(11, 12)).toEqual({ action: "restart", delayMs: 20, crashesInWindow: 2 });
    expect(supervisor.crashed(32, 33)).toEqual({ action: "give-up", crashesInWindow: 3 });
  });
});

describe("messages", () => {
  it("formats how long a process ran", () => {
    expect([0, 880, 9_940, 45_000, 192_000, 3_600_000, 7_260_000].map(formatDuration)).toEqual(["0s", "0.9s", "9.9s", "45s", "3m12s", "1h00m", "2h01m"]);
  });

  it("says why it restarts, when, and how close the process is to a crash loop", () => {
    expect(restartMessage("worker", "signal SIGKILL", 192_000, { action: "restart", delayMs: 1000, crashesInWindow: 1 })).toBe(
      "worker exited (signal SIGKILL) after 3m12s; restarting in 1 s (crash 1 within 2 min; a 5th stops Brewline)",
    );
    expect(restartMessage("web", "exit code 1", 2_500, { action: "restart", delayMs: 30_000, crashesInWindow: 4 })).toBe(
      "web exited (exit code 1) after 2.5s; restarting in 30 s (crash 4 within 2 min; a 5th stops Brewline)",
    );
  });

  it("on giving up, names the process and where to look", () => {
    const message = giveUpMessage("worker", "exit code 1");
    expect(message).toContain("worker crashed 5 times within 2 min (last: exit code 1)");
    expect(message).toContain("[worker] lines above");
  });
});
