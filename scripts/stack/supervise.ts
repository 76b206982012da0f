// When the launcher restarts a web or worker process that died on its own (scripts/stack.ts).
// A café runs the whole shop on one box: a crashed worker must come back while the web
// keeps taking orders (they wait in Postgres and the queue). Restarts back off so a
// process that dies at once does not spin the CPU, and a crash loop (the same crash
// every few seconds: a broken config, a port someone else holds) stops the launcher
// with a message instead of restarting forever. No timers or processes here: the
// launcher passes the clock in, so the policy is tested on its own.

export type RestartPolicy = {
  /** Delay before the first restart; each further crash in a row doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A process that ran this long before crashing counts as having run well: the delay starts over. */
  stableAfterMs: number;
  /** This many crashes within crashWindowMs is a crash loop: give up. */
  crashLimit: number;
  crashWindowMs: number;
};

export const RESTART_POLICY: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 30_000, stableAfterMs: 60_000, crashLimit: 5, crashWindowMs: 120_000 };

export type CrashDecision =
  | { action: "restart"; delayMs: number; crashesInWindow: number }
  | { action: "give-up"; crashesInWindow: number };

export type Supervisor = {
  /** A process started at startedAt died at exitedAt (ms on one clock): restart it after delayMs, or give up. */
  crashed: (startedAt: number, exitedAt: number) => CrashDecision;
};

export function createSupervisor(policy: RestartPolicy = RESTART_POLICY): Supervisor {
  let inARow = 0;
  let crashes: number[] = [];
  return {
    crashed(startedAt, exitedAt) {
      inARow = exitedAt - startedAt >= policy.stableAfterMs ? 1 : inARow + 1;
      crashes = [...crashes.filter((at) => at > exitedAt - policy.crashWindowMs), exitedAt];
      if (crashes.length >= policy.crashLimit) return { action: "give-up", crashesInWindow: crashes.length };
      // Capped before the power grows too large to matter.
      const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(inARow - 1, 30));
      return { action: "restart", delayMs, crashesInWindow: crashes.length };
    },
  };
}

/** 880 ms → "0.9s", 45 s → "45s", 192 s → "3m12s", 2 h → "2h00m". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${Number(seconds.toFixed(1))}s`;
  const whole = Math.floor(seconds);
  if (whole < 60) return `${whole}s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes}m${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th")}`;
const windowText = (policy: RestartPolicy) => formatDuration(policy.crashWindowMs).replace(/m00s$/, " min");

/** The launcher's line for a restart, e.g. "… restarting in 1 s (crash 1 within 2 min; a 5th stops Brewline)". */
export function restartMessage(name: string, exit: string, ranMs: number, decision: Extract<CrashDecision, { action: "restart" }>, policy = RESTART_POLICY): string {
  return (
    `${name} exited (${exit}) after ${formatDuration(ranMs)}; restarting in ${formatDuration(decision.delayMs).replace(/s$/, " s")} ` +
    `(crash ${decision.crashesInWindow} within ${windowText(policy)}; a ${ordinal(policy.crashLimit)} stops Brewline)`
  );
}

/** The launcher's last words on a crash loop: which process, and where to look. */
export function giveUpMessage(name: string, exit: string, policy = RESTART_POLICY): string {
  return (
    `${name} crashed ${policy.crashLimit} times within ${windowText(policy)} (last: ${exit}); not restarting it again. ` +
    `Stopping Brewline: see the [${name}] lines above for why it fails, fix that, then run the launcher again.`
  );
}
