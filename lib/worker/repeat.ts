import { errorInfo, logger } from "../log.ts";

export type Repeater = { stop: () => Promise<void> };

/**
 * Runs task now and then intervalMs after each run finishes (never overlapping itself).
 * A failing run is logged and the loop goes on; stop() waits for a run in progress.
 */
export function repeat(name: string, intervalMs: number, task: () => Promise<unknown>): Repeater {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let failing = false;

  const run = () => {
    current = task()
      .then(() => {
        if (failing) logger.info({ task: name }, "task recovered");
        failing = false;
      })
      .catch((error) => {
        // Once per streak: a database outage should not flood the log every tick.
        if (!failing) logger.warn({ task: name, err: errorInfo(error) }, "periodic task failed; will retry");
        failing = true;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
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
