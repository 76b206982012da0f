"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callApi } from "../api/api-client.ts";
import { sameData } from "../live/same-data.ts";
import { useEventStream } from "../live/use-event-stream.ts";
import type { MenuCategory } from "./menu-math.ts";
import { ASSUME_OPEN, parseStoreStatus, type StoreStatus } from "./store-status.ts";

/** While ordering is off, look again this often: a pause ends by itself, without an event. */
const CLOSED_POLL_MS = 30_000;

async function getJson(url: string): Promise<unknown> {
  const result = await callApi(url);
  if (!result.ok) throw new Error(`${url}: ${result.kind} ${result.status}`);
  if (result.data === null) throw new Error(`${url}: empty answer`);
  return result.data;
}

/**
 * The menu and the store state, kept current without a reload: the server announces
 * every menu or store change on /api/menu/events, and `resync` at the start of every
 * stream (changes since the page was rendered) and after a reconnect; each announcement
 * refetches both. Failures keep the last known state. A page the server rendered with
 * the store state (`renderedStore`) fetches nothing while it loads; without it (the
 * kitchen's counter order) both are fetched at once.
 */
export function useLiveMenu(initialMenu: MenuCategory[], renderedStore?: StoreStatus) {
  const [menu, setMenu] = useState(initialMenu);
  const [store, setStore] = useState<StoreStatus>(renderedStore ?? ASSUME_OPEN);
  const fetchOnMount = useRef(renderedStore === undefined);
  // Counts the stream's announcements, for what else follows them (the pickup slots: a
  // paused slot is announced like a menu change).
  const [changes, setChanges] = useState(0);

  const refresh = useCallback(async () => {
    const [menuResult, storeResult] = await Promise.allSettled([getJson("/api/menu"), getJson("/api/store")]);
    if (menuResult.status === "fulfilled") {
      const categories = (menuResult.value as { categories?: unknown }).categories;
      // The resync at the start of every stream usually brings no change: keep the same
      // array then, so the menu is not rendered again while the page loads.
      if (Array.isArray(categories)) setMenu((current) => (sameData(current, categories) ? current : (categories as MenuCategory[])));
    }
    // A missing endpoint (404) counts as open: the server still refuses what it cannot take.
    if (storeResult.status === "fulfilled") {
      const next = parseStoreStatus(storeResult.value) ?? ASSUME_OPEN;
      setStore((current) => (sameData(current, next) ? current : next));
    }
  }, []);

  useEffect(() => {
    if (fetchOnMount.current) void refresh();
  }, [refresh]);

  useEffect(() => {
    if (store.acceptingOrders) return;
    const timer = setInterval(() => void refresh(), CLOSED_POLL_MS);
    return () => clearInterval(timer);
  }, [store.acceptingOrders, refresh]);

  // A pause that ends sooner than the next poll: look again the moment it should be over.
  useEffect(() => {
    if (store.acceptingOrders || !store.reopensAt) return;
    const ms = Date.parse(store.reopensAt) - Date.now();
    if (ms > CLOSED_POLL_MS) return;
    const timer = setTimeout(() => void refresh(), Math.max(0, ms) + 300);
    return () => clearTimeout(timer);
  }, [store.acceptingOrders, store.reopensAt, refresh]);

  const announced = useCallback(() => {
    setChanges((n) => n + 1);
    void refresh();
  }, [refresh]);
  const stream = useEventStream("/api/menu/events", { menu: announced, resync: announced }, { onReconnect: announced });

  return { menu, store, setStore, refresh, stream, changes };
}
