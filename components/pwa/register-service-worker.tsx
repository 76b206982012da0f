"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js (the offline page) once the page has loaded, so it never
 * competes with the first render. Skipped in development, where a cached worker would
 * only get in the way of hot reload.
 */
export function RegisterServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const register = () => void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }, []);
  return null;
}
