import type { ComponentProps, ReactNode } from "react";

// Form pieces of the manager's pages: a label above every control, the error under it
// (announced, and tied to the control with aria-describedby), controls at least 44 px tall.

export const inputClass =
  "min-h-11 w-full rounded-xl border border-line bg-surface px-3 py-2 text-base text-ink aria-[invalid=true]:border-danger";
const buttonClass =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl px-4 py-2 font-semibold transition disabled:cursor-not-allowed disabled:opacity-50";
export const primaryButton = `${buttonClass} bg-accent text-accent-ink hover:bg-accent-strong`;
export const secondaryButton = `${buttonClass} border border-line bg-surface text-ink hover:border-accent`;

export function Field({ id, label, error, hint, children }: { id: string; label: ReactNode; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

/** A text input wired to its Field's error and hint. */
export function TextInput({ id, error, hint, className, ...props }: ComponentProps<"input"> & { id: string; error?: string; hint?: boolean }) {
  return <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} className={`${inputClass} ${className ?? ""}`} {...props} />;
}

/** The page's message after a save: what went wrong, or that it worked. */
export function FormMessage({ message, tone }: { message: string | null; tone: "error" | "ok" }) {
  if (!message) return null;
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`rounded-xl px-3 py-2 text-sm font-medium ${tone === "error" ? "bg-danger-soft text-danger" : "bg-ready-soft text-ready"}`}>
      {message}
    </p>
  );
}

/** An on/off switch (a button with aria-pressed), big enough to hit during a rush. */
export function Toggle({ on, label, onChange, disabled, testId, onText = "On", offText = "Off" }: { on: boolean; label: string; onChange: (on: boolean) => void; disabled?: boolean; testId?: string; onText?: string; offText?: string }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      aria-label={label}
      data-testid={testId}
      disabled={disabled}
      onClick={() => onChange(!on)}
      className={`${buttonClass} min-w-28 border ${on ? "border-ready/40 bg-ready-soft text-ready" : "border-danger/40 bg-danger-soft text-danger"}`}
    >
      <span aria-hidden className={`size-2.5 rounded-full ${on ? "bg-ready" : "bg-danger"}`} />
      {on ? onText : offText}
    </button>
  );
}
