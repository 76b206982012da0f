"use client";

import { useState, useSyncExternalStore } from "react";
import { clockSkewMs } from "./clock.ts";

// One shared one-second tick for every timer on the page (each ticket's age, the board's
// expiring ready orders), instead of an interval per component.

let current = typeof window === "undefined" ? 0 : Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      listeners.forEach((l) => l());
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The server's time now, ticking every second. `renderedAt` is when the server rendered
 * the page: the server HTML and hydration use it (so they match), and it corrects a
 * device clock that is off.
 */
export function useServerNow(renderedAt: string): number {
  const [skew] = useState(() => (typeof window === "undefined" ? 0 : clockSkewMs(renderedAt, Date.now())));
  return useSyncExternalStore(
    subscribe,
    () => current + skew,
    () => Date.parse(renderedAt),
  );
}
