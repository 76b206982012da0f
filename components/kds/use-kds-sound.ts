"use client";

import { useCallback, useEffect, useState } from "react";
import { audioRunning, onAudioStateChange, playTone, unlockAudio, type Tone } from "./kds-tones.ts";
import { useLocalSetting } from "./use-local-setting.ts";

const SOUND_KEY = "brewline.kds.sound";

/** unset: never asked (the "Turn on sound" button shows); unknown: not read yet (server render). */
export type SoundPreference = "on" | "off" | "unset" | "unknown";

/**
 * Sound on the kitchen display. Browsers refuse to play audio before the page has had a
 * tap or key press, so the screen asks once ("Turn on sound", itself a tap) and
 * remembers the answer; after a reload, sound resumes on the first interaction.
 */
export function useKdsSound() {
  const [stored, setStored] = useLocalSetting(SOUND_KEY);
  const preference: SoundPreference = stored === undefined ? "unknown" : stored === "on" || stored === "off" ? stored : "unset";
  const [running, setRunning] = useState(false);

  useEffect(() => {
    if (preference !== "on" || running) return;
    const resume = () => void unlockAudio().then(setRunning);
    const options = { capture: true } as const;
    // Events that count as a user gesture for audio: a key, a click or a lifted finger.
    window.addEventListener("keydown", resume, options);
    window.addEventListener("pointerup", resume, options);
    return () => {
      window.removeEventListener("keydown", resume, options);
      window.removeEventListener("pointerup", resume, options);
    };
  }, [preference, running]);

  // The browser can suspend audio again (e.g. another app takes the output).
  useEffect(() => (running ? onAudioStateChange(() => setRunning(audioRunning())) : undefined), [running]);

  /** Must be called from a tap or key press. Plays the chime so the barista hears the level. */
  const enable = useCallback(async () => {
    setStored("on");
    const ok = await unlockAudio();
    setRunning(ok);
    if (ok) playTone("new");
  }, [setStored]);

  const toggle = useCallback(() => {
    if (preference === "on") setStored("off");
    else void enable();
  }, [preference, enable, setStored]);

  const play = useCallback(
    (tone: Tone) => {
      if (preference === "on") playTone(tone);
    },
    [preference],
  );

  /** On, but waiting for the first tap after a reload. */
  const waiting = preference === "on" && !running;
  return { preference, running, waiting, enable, toggle, play };
}
