import { errorInfo, logger } from "../log.ts";

export type Repeater = { stop: () => Promise<void> };

/** What a task may resolve to so that its next run comes sooner than the interval (e.g. at a known due time). */
export type RunAgainIn = { nextRunInMs: number };

const delayAfter = (value: unknown, intervalMs: number): number => {
  const next = (value as Partial<RunAgainIn> | null | undefined)?.nextRunInMs;
  return typeof next === "number" && Number.isFinite(next) ? Math.min(Math.max(next, 0), intervalMs) : intervalMs;
};

/**
 * Runs task now and then intervalMs after each run finishes (never overlapping itself), or
 * sooner when the run resolves to { nextRunInMs }. A failing run is logged and the loop goes
 * on; stop() waits for a run in progress.
 */
export function repeat(name: string, intervalMs: number, task: () => Promise<unknown>): Repeater {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let failing = false;
  let delay = intervalMs;

  const run = () => {
    current = task()
      .then((value) => {
        delay = delayAfter(value, intervalMs);
        if (failing) logger.info({ task: name }, "task recovered");
        failing = false;
      })
      .catch((error) => {
        // Once per streak: a database outage should not flood the log every tick.
        if (!failing) logger.warn({ task: name, err: errorInfo(error) }, "periodic task failed; will retry");
        failing = true;
        delay = intervalMs;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(run, delay);
      });
  };
  run();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
