"use client";

import { useCallback, useSyncExternalStore } from "react";

// A per-screen preference kept in localStorage (who is on this screen, sound on or off),
// shared live by every component that reads it and by other tabs.

const CHANGE = "brewline:local-setting";

// This tab's own writes, so a screen with storage blocked (private mode, a locked-down
// kiosk) still keeps the setting for the visit.
const written = new Map<string, string | null>();

function subscribe(onChange: () => void) {
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key === null) written.clear();
    else written.delete(event.key);
    onChange();
  };
  window.addEventListener("storage", fromOtherTab);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("storage", fromOtherTab);
    window.removeEventListener(CHANGE, onChange);
  };
}

function read(key: string): string | null {
  if (written.has(key)) return written.get(key)!;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * The stored value: undefined while unknown (server render and hydration, where
 * localStorage cannot be read), null when not set.
 */
export function useLocalSetting(key: string): [string | null | undefined, (value: string | null) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => undefined,
  );
  const set = useCallback(
    (next: string | null) => {
      written.set(key, next);
      try {
        if (next === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, next);
      } catch {
        // Not remembered, but the screen still works for this visit.
      }
      window.dispatchEvent(new Event(CHANGE));
    },
    [key],
  );
  return [value, set];
}
