"use client";

import { describeSlot } from "../../lib/schedule/describe-slot.ts";
import { useCallback, useEffect, useRef, useState } from "react";
import { callApi } from "../api/api-client.ts";
import type { PickupSlotsView, SlotOffer } from "../../lib/schedule/list-pickup-slots.ts";
import { firstFitting, groupSlots, parsePickupSlots, resolvePickup, type PickupMode, type SlotGroup } from "./pickup-slots.ts";

/** The checkout form's pickup section. */
export type PickupPanel = {
  mode: PickupMode;
  setMode: (mode: PickupMode) => void;
  /** False while the store takes no orders for now (closed, paused, at capacity): only a slot can be booked. */
  asapAvailable: boolean;
  groups: SlotGroup[];
  /** The chosen slot's startsAt, "" when none (or the chosen one no longer fits). */
  selected: string;
  select: (startsAt: string) => void;
  /** Set when the slots could not be fetched again: the list shown may be out of date. */
  stale: boolean;
};

/**
 * The pickup slots and the customer's choice. The slots are fetched once there is
 * something to order or the store takes no orders for now (that decides whether
 * "Schedule for later" is offered at all), again when the customer opens the scheduling
 * choice, when the live menu stream announces a change (a paused slot notifies it), and
 * when the tab comes back into focus. What the choice comes to is worked out in
 * resolvePickup.
 */
export function usePickupSlots(options: { drinks: number; acceptingOrders: boolean; menuChanges: number }) {
  const { drinks, acceptingOrders, menuChanges } = options;
  const [view, setView] = useState<PickupSlotsView | null>(null);
  const [mode, setModeState] = useState<PickupMode>("asap");
  const [chosen, setChosen] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  // While the store takes no orders for now, the menu page says whether ordering ahead is still possible.
  const wanted = drinks > 0 || !acceptingOrders;
  const latest = useRef(0);

  const load = useCallback(async () => {
    const call = ++latest.current;
    const result = await callApi("/api/store/slots");
    // An older answer arriving after a newer one must not win.
    if (call !== latest.current) return;
    const parsed = result.ok ? parsePickupSlots(result.data) : null;
    // A server without the endpoint (404) offers no scheduling; a failed refetch keeps the last list.
    const gone = !result.ok && result.status === 404;
    if (parsed || gone) {
      setView(parsed);
      setStale(false);
    } else setStale(true);
  }, []);

  // Deferred a moment: a burst of announcements (a resync right after connecting, several
  // menu edits) makes one request.
  useEffect(() => {
    if (!wanted) return;
    const timer = setTimeout(() => void load(), 50);
    return () => clearTimeout(timer);
  }, [wanted, load, menuChanges]);

  useEffect(() => {
    if (!wanted) return;
    const refocus = () => void load();
    window.addEventListener("focus", refocus);
    return () => window.removeEventListener("focus", refocus);
  }, [wanted, load]);

  const slots = view?.slots ?? [];
  // While the store takes no orders only a slot can be booked (resolvePickup), but the customer
  // picks it: a time they chose stays chosen when the store opens again.
  const { offered, mode: effectiveMode, slot: selected, needsSlot } = resolvePickup({ view, mode, chosen, drinks, acceptingOrders });

  const panel: PickupPanel | null = offered
    ? {
        mode: effectiveMode,
        setMode: (next) => {
          setModeState(next);
          if (next !== "scheduled") return;
          // The proposal shown becomes the choice; the list is fetched afresh.
          setChosen((current) => current ?? firstFitting(slots, drinks)?.startsAt ?? null);
          void load();
        },
        asapAvailable: acceptingOrders,
        groups: groupSlots(slots, drinks),
        selected: selected?.startsAt ?? "",
        select: (startsAt) => {
          setModeState("scheduled");
          setChosen(startsAt);
        },
        stale,
      }
    : null;

  return {
    panel,
    /** The slot the order is for (its startsAt), or null for as soon as possible. */
    pickupAt: selected?.startsAt ?? null,
    /** The chosen slot in words ("8:15", "8:15 tomorrow"), null for as soon as possible. */
    label: selected ? describeSlot(selected) : null,
    /** The customer wants a slot but none that fits is chosen: the order cannot be sent yet. */
    needsSlot,
    /** The store takes no orders now but a slot could be booked. */
    scheduledOnly: offered && !acceptingOrders,
    /** After a 409 SLOT_UNAVAILABLE: choose the first offered next slot that fits, and look again. */
    slotTaken: (nextSlots: SlotOffer[]) => {
      setModeState("scheduled");
      setChosen(firstFitting(nextSlots, drinks)?.startsAt ?? null);
      void load();
    },
  };
}
