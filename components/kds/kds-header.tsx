import Link from "next/link";
import type { StreamState } from "../live/use-event-stream.ts";
import { SignOutButton } from "../staff/sign-out-button.tsx";
import type { SoundPreference } from "./use-kds-sound.ts";

const tool =
  "inline-flex min-h-12 items-center gap-2 rounded-xl border border-line px-2.5 text-base font-semibold hover:bg-surface-2 aria-pressed:border-accent aria-pressed:bg-accent-soft";

/** The kitchen's toolbar: where this screen is, whether it is live, and everything that is not a ticket action. */
export function KdsHeader(props: {
  storeName: string;
  openCount: number;
  stations: string[];
  station: string | null;
  stream: StreamState;
  /** The signed-in staff member: their name goes on the tickets they start. */
  barista: string;
  sound: { preference: SoundPreference; waiting: boolean };
  allDay: boolean;
  onWalkUp: () => void;
  onAllDay: () => void;
  onSound: () => void;
  onBarista: () => void;
  onSettings: () => void;
  onHelp: () => void;
}) {
  const { stations, station, stream, sound } = props;
  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-line bg-surface px-4 py-2">
      <div className="flex items-baseline gap-3">
        <h1 className="text-2xl font-bold tracking-tight">
          {station ?? "Kitchen"}
          <span className="sr-only"> · {props.storeName}</span>
        </h1>
        <p className="text-lg text-muted">
          <span className="font-semibold tabular-nums text-ink">{props.openCount}</span> open
        </p>
        {/* A dot while live (the banner speaks up when it is not); words while it matters. */}
        <p className="flex items-center gap-1.5 text-sm text-muted">
          <span aria-hidden="true" className={`size-2.5 rounded-full ${stream === "live" ? "bg-ready" : "animate-pulse bg-warn"}`} />
          <span className={stream === "live" ? "sr-only" : ""}>{stream === "live" ? "Live" : stream === "reconnecting" ? "Offline" : "Connecting…"}</span>
        </p>
      </div>

      {stations.length > 0 && (
        <nav aria-label="Stations">
          <ul className="flex flex-wrap gap-1 rounded-2xl bg-surface-2 p-1">
            {[null, ...stations].map((s) => (
              <li key={s ?? ""}>
                <Link
                  href={s ? `/kds?station=${encodeURIComponent(s)}` : "/kds"}
                  aria-current={s === station ? "page" : undefined}
                  data-testid={s ? `kds-station-${s}` : "kds-station-all"}
                  className="inline-flex min-h-12 items-center rounded-xl px-3 font-semibold text-muted hover:text-ink aria-[current=page]:bg-accent aria-[current=page]:text-accent-ink"
                >
                  {s ?? "All (expediter)"}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <div className="ml-auto flex flex-wrap items-center gap-1.5">
        <button type="button" data-testid="kds-walk-up" onClick={props.onWalkUp} className={`${tool} border-accent text-accent`}>
          + Counter order
        </button>
        <button type="button" data-testid="kds-all-day" aria-pressed={props.allDay} onClick={props.onAllDay} className={tool}>
          All day
        </button>
        {sound.preference === "unset" ? (
          <button type="button" data-testid="kds-sound" onClick={props.onSound} className={`${tool} border-warn text-warn`}>
            <SpeakerIcon muted={false} /> Turn on sound
          </button>
        ) : sound.preference !== "unknown" ? (
          <button
            type="button"
            data-testid="kds-sound"
            aria-pressed={sound.preference === "on"}
            onClick={props.onSound}
            title={sound.waiting ? "Sound starts with your first tap or key press" : undefined}
            className={tool}
          >
            <SpeakerIcon muted={sound.preference === "off"} />
            {sound.preference === "off" ? "Muted" : sound.waiting ? "Tap for sound" : "Sound"}
          </button>
        ) : null}
        <button type="button" data-testid="kds-barista" onClick={props.onBarista} className={tool} title="Switch barista (PIN)">
          <svg viewBox="0 0 24 24" className="size-5 text-muted" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
            <circle cx="12" cy="8" r="4" />
            <path d="M4 21a8 8 0 0 1 16 0" />
          </svg>
          <span className="sr-only">On this screen: </span>
          <span className="max-w-32 truncate" data-testid="kds-barista-name">{props.barista}</span>
          <span className="sr-only">. Switch barista</span>
        </button>
        <SignOutButton className={tool} />
        <button type="button" data-testid="kds-settings" onClick={props.onSettings} aria-label="Settings" className={`${tool} px-3`}>
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <circle cx="12" cy="12" r="3" />
            <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z" />
          </svg>
        </button>
        <button type="button" data-testid="kds-help" onClick={props.onHelp} aria-label="Keyboard shortcuts" className={`${tool} px-4 text-xl`}>
          ?
        </button>
      </div>
    </header>
  );
}

function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M11 5 6 9H2v6h4l5 4V5Z" />
      {muted ? <path d="m23 9-6 6M17 9l6 6" /> : <path d="M15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />}
    </svg>
  );
}
