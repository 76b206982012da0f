"use client";

import { useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { PUSH_CONSENT_WORDING } from "../../lib/consent/consent-wording.ts";
import { PUSH_WITHDRAWN_WORDING } from "../../lib/consent/consent-wording.ts";
import { currentPushSubscription, deleteOrderPush, saveOrderPush, subscribeThisBrowser } from "../order/push-subscribe.ts";
import {
  IOS_HOME_SCREEN_MESSAGE,
  PUSH_BLOCKED_MESSAGE,
  PUSH_FAILED_MESSAGE,
  pushUiFor,
  readPushCapabilities,
  type PushUi,
} from "../order/push-support.ts";

/** The status page's push state from the server: the shop's key (null = push off), whether the order has a subscription, and what went wrong at checkout. */
export type PushProps = { key: string | null; subscribed: boolean; problem: "blocked" | "failed" | null };

const noChange = () => () => {};
const denied = () => typeof Notification !== "undefined" && Notification.permission === "denied";

const buttonClass =
  "inline-flex min-h-11 items-center gap-2 rounded-full border border-line bg-surface px-4 text-sm font-semibold hover:border-accent/60 disabled:opacity-60";

/**
 * "Notify me on this phone" (a push subscription stored with the order) and, once this
 * browser's subscription is the order's, "Stop notifications on this phone". iOS Safari
 * in a tab cannot subscribe: it is told how to add the page to the Home Screen. Where the
 * browser has no push at all, `fallback` (the in-page alert) is shown instead.
 */
export function NotifyOnThisPhone({
  token,
  push,
  fallback,
  onSubscribedChange,
}: {
  token: string;
  push: PushProps;
  fallback: ReactNode;
  /** Told whether the order's push goes to this browser (the page then shows no notification of its own). */
  onSubscribedChange?: (on: boolean) => void;
}) {
  const ui = useSyncExternalStore<PushUi | "server">(noChange, () => pushUiFor(readPushCapabilities(push.key)), () => "server");
  // On: the order's subscription is this browser's (the server has one and so does this browser).
  const [on, setOn] = useState<boolean | null>(push.subscribed ? null : false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(push.problem === "blocked" ? PUSH_BLOCKED_MESSAGE : push.problem === "failed" ? PUSH_FAILED_MESSAGE : null);

  useEffect(() => {
    if (on !== null) return;
    void currentPushSubscription().then((subscription) => setOn(subscription !== null));
  }, [on]);
  useEffect(() => {
    onSubscribedChange?.(on === true);
  }, [on, onSubscribedChange]);

  if (ui === "server") return null;
  if (ui === "none") return <>{fallback}</>;
  if (ui === "ios-home-screen") {
    return (
      <p className="max-w-sm text-sm text-muted" data-testid="push-ios-hint">
        {IOS_HOME_SCREEN_MESSAGE}
      </p>
    );
  }

  async function turnOn() {
    setBusy(true);
    setMessage(null);
    const browser = await subscribeThisBrowser(push.key!);
    const problem = browser.ok ? await saveOrderPush(token, browser.subscription, "status-page") : browser.reason === "blocked" ? PUSH_BLOCKED_MESSAGE : PUSH_FAILED_MESSAGE;
    if (problem === null) setOn(true);
    else setMessage(problem);
    setBusy(false);
  }

  // The browser's own subscription is kept: it is one per site, shared by every order placed
  // from this phone, and another open order may still be waiting on it.
  async function turnOff() {
    setBusy(true);
    setMessage(null);
    const problem = await deleteOrderPush(token);
    if (problem === null) setOn(false);
    else setMessage(problem);
    setBusy(false);
  }

  const blocked = !on && denied();
  return (
    <div className="flex flex-col items-center gap-2" data-testid="push-notify" data-subscribed={on === true}>
      {on === true && (
        <>
          <p className="text-sm text-muted" data-testid="push-on">
            We&apos;ll notify you on this phone when it&apos;s ready.
          </p>
          <button type="button" data-testid="push-unsubscribe" disabled={busy} onClick={() => void turnOff()} className={buttonClass}>
            {PUSH_WITHDRAWN_WORDING}
          </button>
        </>
      )}
      {on === false && !blocked && (
        <button type="button" data-testid="push-subscribe" disabled={busy} onClick={() => void turnOn()} className={buttonClass}>
          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {PUSH_CONSENT_WORDING}
        </button>
      )}
      <p role="status" className="max-w-sm text-sm text-muted empty:hidden" data-testid="push-message">
        {blocked ? PUSH_BLOCKED_MESSAGE : message}
      </p>
    </div>
  );
}
