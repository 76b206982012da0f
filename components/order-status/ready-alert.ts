"use client";

// The "your order is ready" alerts: a short chime (Web Audio, no sound file to load),
// a vibration where the browser allows it, and a system notification if the customer
// asked for one. Each is best effort: any of them may be blocked, and the page itself
// already turns green with the message.

let audio: AudioContext | undefined;

/**
 * Browsers only let a page make sound after the user has interacted with it, so the
 * audio context is created (suspended) and resumed on the first tap or key press.
 */
export function unlockAudioOnFirstGesture(): () => void {
  const unlock = () => {
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {
      // No Web Audio: the chime is skipped.
    }
  };
  const options = { once: true, capture: true } as const;
  window.addEventListener("pointerdown", unlock, options);
  window.addEventListener("keydown", unlock, options);
  return () => {
    window.removeEventListener("pointerdown", unlock, options);
    window.removeEventListener("keydown", unlock, options);
  };
}

/** Two rising notes, about half a second, quiet enough not to startle. */
function chime() {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    if (ctx.state === "suspended") void ctx.resume();
    [660, 880].forEach((frequency, i) => {
      const start = ctx.currentTime + i * 0.18;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.32);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.35);
    });
  } catch {
    // Blocked or unsupported.
  }
}

async function notify(title: string, body: string) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const options: NotificationOptions = { body, icon: "/icons/icon-192.png", tag: "brewline-ready" };
  try {
    // Android Chrome only shows notifications through a service worker.
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) await registration.showNotification(title, options);
    else new Notification(title, options);
  } catch {
    // Some browsers throw on new Notification() without a service worker.
  }
}

/** `notify: false` when this browser gets the order's push (public/sw.js shows that one): one notification, not two. */
export function alertReady(ticketNumber: number, options: { notify?: boolean } = {}) {
  chime();
  try {
    navigator.vibrate?.([200, 100, 200]);
  } catch {
    // Not allowed without a user gesture in some browsers.
  }
  if (options.notify !== false) void notify(`Order #${ticketNumber} is ready`, "Pick it up at the counter.");
}
