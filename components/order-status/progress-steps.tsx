import { stepIndex, stepsFor, type LiveStatusView } from "./status-view.ts";

/**
 * (Scheduled →) placed → queued → being made → ready, with the current step marked for
 * screen readers too. The current step pulses twice when it is reached, not forever: an
 * endless animation keeps a phone that waits on this page redrawing (and its battery
 * busy) for minutes.
 */
export function ProgressSteps({ view, ready }: { view: Pick<LiveStatusView, "status" | "pickupAt">; ready: boolean }) {
  const steps = stepsFor(view);
  const current = stepIndex(view.status, steps);
  return (
    <ol className={`mt-7 grid gap-2 ${steps.length === 5 ? "grid-cols-5" : "grid-cols-4"}`} aria-label="Progress" data-testid="progress">
      {steps.map((step, i) => {
        const done = i <= current;
        const now = i === current;
        return (
          <li key={step.key} aria-current={now ? "step" : undefined} className="flex flex-col items-center gap-2">
            <span
              aria-hidden="true"
              className={`h-1.5 w-full rounded-full transition-colors duration-500 ${
                done ? (ready ? "bg-ready-ink/80" : "bg-accent") : ready ? "bg-ready-ink/25" : "bg-line"
              } ${now && !ready ? "animate-pulse [animation-iteration-count:2]" : ""}`}
            />
            <span className={`text-xs font-medium ${done ? "" : ready ? "opacity-70" : "text-muted"}`}>
              {step.label}
              <span className="sr-only">{now ? " (now)" : done ? " (done)" : ""}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
