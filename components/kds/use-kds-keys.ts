"use client";

import { useEffect, useRef } from "react";
import { kdsKeyAction, type KdsKeyAction } from "./kds-keys.ts";

/** Runs the bump-bar / keyboard actions (kds-keys.ts says which key does what). */
export function useKdsKeys(onAction: (action: KdsKeyAction) => void) {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });

  useEffect(() => {
    // Whether focus last moved by Tab (true) or by a tap or click (false).
    let tabbing = false;
    const onPointerDown = () => {
      tabbing = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Tab") tabbing = true;
      if (event.defaultPrevented) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = kdsKeyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        repeat: event.repeat,
        target: target && {
          tagName: target.tagName,
          type: target.getAttribute("type"),
          isContentEditable: target.isContentEditable,
          role: target.getAttribute("role"),
          keyboardFocused: tabbing,
        },
        // Every dialog on the screen is a native <dialog>; while one is open, it has the keys.
        dialogOpen: document.querySelector("dialog[open]") !== null,
      });
      if (!action) return;
      // Arrows would scroll the page as well; "?" and letters would type nowhere.
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("pointerdown", onPointerDown, true);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("pointerdown", onPointerDown, true);
    };
  }, []);
}
