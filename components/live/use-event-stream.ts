"use client";

import { useEffect, useRef, useState } from "react";
import { connectEventStream, type StreamStatus } from "./event-stream-client.ts";

export type { StreamRefusal, StreamState, StreamStatus } from "./event-stream-client.ts";

export const STREAM_OFF: StreamStatus = { state: "off", refusal: null };
const CONNECTING: StreamStatus = { state: "connecting", refusal: null };

/**
 * Subscribes to a server-sent event stream while `url` is set, reconnecting with backoff
 * after a drop (see event-stream-client.ts). A server that refuses the connection with
 * Retry-After is waited out, and `refusal` says until when so the page can tell the
 * user. The server sends the full state first on every connection, so nothing needs
 * replaying after a reconnect; streams that only announce changes get `onReconnect` to
 * fetch what they missed. `onEnded` hears of an answer that retrying would not change
 * (401, 403, 404, …); the stream is then off.
 */
export function useEventStream(
  url: string | null,
  handlers: Record<string, (data: unknown) => void>,
  options: { onReconnect?: () => void; onEnded?: (status: number) => void } = {},
): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>(url ? CONNECTING : STREAM_OFF);
  const handlersRef = useRef(handlers);
  const optionsRef = useRef(options);
  useEffect(() => {
    handlersRef.current = handlers;
    optionsRef.current = options;
  });

  useEffect(() => {
    if (!url) return;
    const connection = connectEventStream({
      url,
      onEvent: (event, data) => {
        if (Object.hasOwn(handlersRef.current, event)) handlersRef.current[event]?.(data);
      },
      onStatus: setStatus,
      onReconnect: () => optionsRef.current.onReconnect?.(),
      onEnded: (code) => optionsRef.current.onEnded?.(code),
    });
    // Back online or back to the tab: reconnect now rather than waiting for the backoff
    // (a refusal's Retry-After still holds).
    const wake = () => {
      if (document.visibilityState === "visible") connection.wake();
    };
    // Offline: say so at once (a dead connection can take a minute to time out) and
    // stop retrying until the browser is back online.
    const offline = () => connection.pause();
    window.addEventListener("online", wake);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", wake);
    return () => {
      connection.close();
      window.removeEventListener("online", wake);
      window.removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [url]);

  return url ? status : STREAM_OFF;
}
