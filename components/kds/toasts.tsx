"use client";

import { useEffect } from "react";
import type { Toast } from "./use-kds-board.ts";

/** Errors stay longer than news: a refused action needs reading, "recalled" only a glance. */
const SHOW_MS = { error: 9_000, info: 5_000 } as const;

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-28 z-40 flex flex-col items-center gap-2 px-4">
      {/* Live regions must exist before their content arrives to be announced. */}
      <div role="alert" className="contents">
        {toasts
          .filter((t) => t.tone === "error")
          .map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={onDismiss} />
          ))}
      </div>
      <div role="status" className="contents">
        {toasts
          .filter((t) => t.tone === "info")
          .map((t) => (
            <ToastItem key={t.id} toast={t} onDismiss={onDismiss} />
          ))}
      </div>
    </div>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => onDismiss(toast.id), SHOW_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <p
      data-testid="kds-toast"
      className={`pointer-events-auto flex max-w-2xl items-center gap-3 rounded-2xl px-5 py-3 text-lg font-semibold shadow-xl ${
        toast.tone === "error" ? "bg-danger text-bg" : "bg-ink text-bg"
      }`}
    >
      {toast.message}
      <button type="button" onClick={() => onDismiss(toast.id)} className="min-h-12 rounded-lg px-3 underline">
        OK
      </button>
    </p>
  );
}
