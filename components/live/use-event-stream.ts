"use client";

import { useEffect, useRef, useState } from "react";

export type StreamState = "connecting" | "live" | "reconnecting" | "off";

/**
 * Subscribes to a server-sent event stream while `url` is set. EventSource reconnects
 * by itself after a dropped connection; when it gives up (an HTTP error, e.g. a 503
 * during a deploy) this hook opens a new one with backoff. The server sends the full
 * state first on every connection, so nothing needs replaying after a reconnect;
 * streams that only announce changes get `onReconnect` to fetch what they missed.
 */
export function useEventStream(
  url: string | null,
  handlers: Record<string, (data: unknown) => void>,
  options: { onReconnect?: () => void } = {},
): StreamState {
  const [state, setState] = useState<StreamState>(url ? "connecting" : "off");
  const handlersRef = useRef(handlers);
  const optionsRef = useRef(options);
  useEffect(() => {
    handlersRef.current = handlers;
    optionsRef.current = options;
  });

  useEffect(() => {
    if (!url) return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let opened = false;
    let disposed = false;

    const open = () => {
      clearTimeout(retryTimer);
      source?.close();
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        attempt = 0;
        setState("live");
        if (opened) optionsRef.current.onReconnect?.();
        opened = true;
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
    // Offline: say so at once (a dead connection can take a minute to time out) and
    // stop retrying until the browser is back online.
    const offline = () => {
      clearTimeout(retryTimer);
      source?.close();
      setState("reconnecting");
    };
    open();
    window.addEventListener("online", wake);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", wake);
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      source?.close();
      window.removeEventListener("online", wake);
      window.removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [url]);

  return url ? state : "off";
}
