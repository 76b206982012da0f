/**
 * What the dashboard does with its stream's "changed" events. The first only says the
 * stream is up: the page was rendered a moment ago. Every later one (including the
 * first after a reconnect, which stands for whatever changed while it was down) asks
 * for a refresh, coalesced over `delayMs` so a rush re-renders once, not per ticket.
 */
export function refreshOnChange(refresh: () => void, delayMs: number) {
  let seen = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    changed() {
      if (!seen) {
        seen = true;
        return;
      }
      timer ??= setTimeout(() => {
        timer = undefined;
        refresh();
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
