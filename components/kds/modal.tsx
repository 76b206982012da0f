"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * The kitchen display's dialogs: a native modal <dialog>, which traps focus, closes on
 * Escape and makes the board behind it inert. Render it to open it and stop rendering
 * it to close it; `onClose` is how it asks (Escape, the ✕, a tap on the backdrop).
 * Focus goes back to where it was, so a keyboard user carries on from the same place;
 * mark the control to start on with `data-autofocus` (React's autoFocus runs before
 * showModal, which then moves focus to the first control).
 */
export function Modal({
  title,
  description,
  onClose,
  children,
  testId,
  size = "md",
}: {
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  size?: "sm" | "md" | "lg" | "xl";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  // No close() in the cleanup: under Strict Mode's mount-unmount-mount its "close" event
  // would reach onClose at once. Removing an open dialog from the page closes it anyway.
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first control (the ✕); a dialog may name a better one.
    dialog?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  const width = { sm: "max-w-md", md: "max-w-xl", lg: "max-w-3xl", xl: "max-w-6xl" }[size];
  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // React hands a nested dialog's "close" to its parents' onClose too: only our own counts.
      onClose={(e) => e.target === e.currentTarget && onClose()}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      className={`m-auto max-h-[92dvh] w-[calc(100vw-2rem)] ${width} overflow-hidden rounded-3xl border border-line bg-surface p-0 text-ink shadow-2xl`}
    >
      <div className="flex max-h-[92dvh] flex-col">
        <div className="flex items-start gap-3 border-b border-line px-6 pb-4 pt-5">
          <div className="min-w-0 flex-1">
            <h2 id={titleId} className="text-2xl font-semibold tracking-tight">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="mt-1 text-muted">
                {description}
              </p>
            )}
          </div>
          <button type="button" onClick={onClose} aria-label="Close" className="-mr-2 grid size-12 shrink-0 place-items-center rounded-full text-muted hover:bg-surface-2 hover:text-ink">
            <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
              <path d="M6 6l12 12M18 6 6 18" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        {/* Focusable so a long dialog can be scrolled by keyboard even with nothing to tab to in it. */}
        <div tabIndex={0} className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-6 py-5 focus-visible:outline-offset-[-3px]">
          {children}
        </div>
      </div>
    </dialog>
  );
}

/** The shared look of the kitchen display's buttons: tall enough for a wet thumb (48 px and up). */
export const buttonClass = {
  primary: "min-h-12 rounded-2xl bg-accent px-5 text-lg font-semibold text-accent-ink hover:bg-accent-strong disabled:opacity-50",
  danger: "min-h-12 rounded-2xl bg-danger px-5 text-lg font-semibold text-bg disabled:opacity-50",
  quiet: "min-h-12 rounded-2xl border border-line px-5 text-lg font-semibold hover:bg-surface-2 disabled:opacity-50",
} as const;
