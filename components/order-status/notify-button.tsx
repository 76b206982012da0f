"use client";

import { useSyncExternalStore } from "react";

// Browsers ask once and remember; the answer is read again when the page regains focus.
const subscribe = (onChange: () => void) => {
  window.addEventListener("focus", onChange);
  return () => window.removeEventListener("focus", onChange);
};
const permission = (): NotificationPermission | "unsupported" => (typeof Notification === "undefined" ? "unsupported" : Notification.permission);

/** Asks for notification permission only when the customer presses it, never on load. */
export function NotifyButton() {
  const state = useSyncExternalStore(subscribe, permission, () => "unsupported" as const);
  if (state === "unsupported" || state === "denied") return null;
  if (state === "granted") {
    return (
      <p className="text-sm text-muted" data-testid="notify-granted">
        We&apos;ll alert you on this device when it&apos;s ready.
      </p>
    );
  }
  return (
    <button
      type="button"
      data-testid="notify-button"
      onClick={() => {
        void Notification.requestPermission().then(() => window.dispatchEvent(new Event("focus")));
      }}
      className="inline-flex min-h-11 items-center gap-2 rounded-full border border-line bg-surface px-4 text-sm font-semibold hover:border-accent/60"
    >
      <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Alert me on this device when it&apos;s ready
    </button>
  );
}
