"use client";

import { useState } from "react";
import { callApi } from "../api/api-client.ts";

/** Ends this device's staff session (better-auth's sign-out) and goes to the sign-in page. */
export function SignOutButton({ className, label = "Sign out" }: { className?: string; label?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      data-testid="staff-sign-out"
      disabled={busy}
      className={className}
      onClick={async () => {
        setBusy(true);
        // A JSON body: better-auth checks the origin of every state-changing request.
        await callApi("/api/auth/sign-out", { method: "POST", body: {} });
        // A full load, not a client navigation: nothing of the signed-in screen may stay in memory.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/sign-in");
      }}
    >
      {busy ? "Signing out…" : label}
    </button>
  );
}
