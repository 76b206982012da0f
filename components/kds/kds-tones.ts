"use client";

// The kitchen display's sounds, generated with Web Audio: nothing to download, and the
// two must be told apart across a loud bar without looking. A new ticket is a bright
// rising chime; a cancellation is a low falling buzz, twice.

export type Tone = "new" | "cancel";

type Note = { frequency: number; at: number; length: number; type: OscillatorType; volume: number };

const TONES: Record<Tone, Note[]> = {
  new: [
    { frequency: 784, at: 0, length: 0.22, type: "triangle", volume: 0.35 },
    { frequency: 1047, at: 0.14, length: 0.22, type: "triangle", volume: 0.35 },
    { frequency: 1319, at: 0.28, length: 0.4, type: "triangle", volume: 0.3 },
  ],
  cancel: [
    { frequency: 330, at: 0, length: 0.26, type: "square", volume: 0.12 },
    { frequency: 220, at: 0.3, length: 0.26, type: "square", volume: 0.12 },
    { frequency: 330, at: 0.7, length: 0.26, type: "square", volume: 0.12 },
    { frequency: 220, at: 1, length: 0.4, type: "square", volume: 0.12 },
  ],
};

let context: AudioContext | undefined;

function audio(): AudioContext | undefined {
  try {
    context ??= new AudioContext();
    return context;
  } catch {
    return undefined;
  }
}

/**
 * Browsers start audio suspended until the page gets a tap or a key press; call this
 * from one. Resolves to whether sound can play now.
 */
export async function unlockAudio(): Promise<boolean> {
  const ctx = audio();
  if (!ctx) return false;
  try {
    if (ctx.state !== "running") await ctx.resume();
  } catch {
    return false;
  }
  return ctx.state === "running";
}

export const audioRunning = () => context?.state === "running";

/** Tells when the browser suspends or resumes audio (e.g. after a reload, until the first tap). */
export function onAudioStateChange(listener: () => void): () => void {
  // Not created here: a context made before any tap only earns a console warning.
  const ctx = context;
  if (!ctx) return () => {};
  ctx.addEventListener("statechange", listener);
  return () => ctx.removeEventListener("statechange", listener);
}

export function playTone(tone: Tone): void {
  const ctx = context;
  // Not unlocked yet: a queued sound would all play at once on the first tap.
  if (!ctx || ctx.state !== "running") return;
  for (const note of TONES[tone]) {
    const start = ctx.currentTime + note.at;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = note.type;
    osc.frequency.value = note.frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(note.volume, start + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + note.length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + note.length + 0.02);
  }
}
