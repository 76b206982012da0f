"use client";

import { useEffect, useRef, useState } from "react";

export type StreamState = "connecting" | "live" | "reconnecting" | "off";

/**
 * Subscribes to a server-sent event stream while `url` is set. EventSource reconnects
 * by itself after a dropped connection; when it gives up (an HTTP error, e.g. a 503
 * during a deploy) this hook opens a new one with backoff. The server sends the full
 * state first on every connection, so nothing needs replaying after a reconnect.
 */
export function useEventStream(url: string | null, handlers: Record<string, (data: unknown) => void>): StreamState {
  const [state, setState] = useState<StreamState>(url ? "connecting" : "off");
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (!url) return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let disposed = false;

    const open = () => {
      clearTimeout(retryTimer);
      source?.close();
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        attempt = 0;
        setState("live");
      };
      es.onerror = () => {
        if (disposed) return;
        setState("reconnecting");
        if (es.readyState === EventSource.CLOSED) {
          const delay = Math.min(30_000, 1_000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
          attempt += 1;
          retryTimer = setTimeout(open, delay);
        }
      };
      for (const name of Object.keys(handlersRef.current)) {
        es.addEventListener(name, (event) => {
          let data: unknown;
          try {
            data = JSON.parse((event as MessageEvent<string>).data);
          } catch {
            return;
          }
          handlersRef.current[name]?.(data);
        });
      }
    };

    // Back online or back to the tab: reconnect now rather than waiting for the backoff.
    const wake = () => {
      if (document.visibilityState === "visible" && source?.readyState === EventSource.CLOSED) open();
    };
    open();
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", wake);
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      source?.close();
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [url]);

  return url ? state : "off";
}
