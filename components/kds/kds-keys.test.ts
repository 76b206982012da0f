import { describe, expect, it } from "vitest";
import { isTypingTarget, kdsKeyAction, KEY_LEGEND, type KeyInput } from "./kds-keys.ts";

const body = { tagName: "BODY" };
const press = (key: string, patch: Partial<KeyInput> = {}) => kdsKeyAction({ key, target: body, dialogOpen: false, ...patch });

describe("kitchen display keys", () => {
  it("selects the Nth ticket with the digits, 0 being the 10th", () => {
    expect(press("1")).toEqual({ type: "select", index: 0 });
    expect(press("9")).toEqual({ type: "select", index: 8 });
    expect(press("0")).toEqual({ type: "select", index: 9 });
  });

  it("moves the selection with the arrows, Home and End", () => {
    expect(press("ArrowRight")).toEqual({ type: "move", by: 1 });
    expect(press("ArrowDown")).toEqual({ type: "move", by: 1 });
    expect(press("ArrowLeft")).toEqual({ type: "move", by: -1 });
    expect(press("ArrowUp")).toEqual({ type: "move", by: -1 });
    expect(press("Home")).toEqual({ type: "first" });
    expect(press("End")).toEqual({ type: "last" });
  });

  it("maps the letters, in either case", () => {
    expect(press("s")).toEqual({ type: "start" });
    expect(press("S")).toEqual({ type: "start" });
    expect(press("Enter")).toEqual({ type: "bump" });
    expect(press("b")).toEqual({ type: "bump" });
    expect(press("r")).toEqual({ type: "recall" });
    expect(press("p")).toEqual({ type: "priority" });
    expect(press("x")).toEqual({ type: "cancel" });
    expect(press("a")).toEqual({ type: "allDay" });
    expect(press("n")).toEqual({ type: "counterOrder" });
    expect(press("m")).toEqual({ type: "mute" });
    expect(press("?")).toEqual({ type: "help" });
    expect(press("q")).toBeNull();
    expect(press("F5")).toBeNull();
  });

  it("leaves the keys alone while typing or while a dialog is open", () => {
    expect(press("s", { target: { tagName: "INPUT", type: "text" } })).toBeNull();
    expect(press("1", { target: { tagName: "input", type: "number" } })).toBeNull();
    expect(press("b", { target: { tagName: "TEXTAREA" } })).toBeNull();
    expect(press("b", { target: { tagName: "DIV", isContentEditable: true } })).toBeNull();
    expect(press("s", { dialogOpen: true })).toBeNull();
    expect(press("ArrowRight", { dialogOpen: true })).toBeNull();
    // A focused checkbox takes no text: shortcuts still work.
    expect(press("s", { target: { tagName: "INPUT", type: "checkbox" } })).toEqual({ type: "start" });
  });

  it("lets Enter press a button reached with Tab, but bumps when a tap left focus on one", () => {
    expect(press("Enter", { target: { tagName: "BUTTON", keyboardFocused: true } })).toBeNull();
    expect(press("Enter", { target: { tagName: "A", keyboardFocused: true } })).toBeNull();
    expect(press("Enter", { target: { tagName: "BUTTON", keyboardFocused: false } })).toEqual({ type: "bump" });
    expect(press("Enter", { target: { tagName: "DIV", keyboardFocused: true } })).toEqual({ type: "bump" });
    expect(press("b", { target: { tagName: "BUTTON", keyboardFocused: true } })).toEqual({ type: "bump" });
  });

  it("ignores browser shortcuts and held-down keys", () => {
    expect(press("r", { ctrlKey: true })).toBeNull();
    expect(press("r", { metaKey: true })).toBeNull();
    expect(press("1", { altKey: true })).toBeNull();
    expect(press("Enter", { repeat: true })).toBeNull();
    expect(press("x", { repeat: true })).toBeNull();
    expect(press("ArrowRight", { repeat: true })).toEqual({ type: "move", by: 1 });
  });

  it("knows what counts as typing", () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT" })).toBe(true);
    expect(isTypingTarget({ tagName: "INPUT", type: "radio" })).toBe(false);
    expect(isTypingTarget({ tagName: "DIV", role: "textbox" })).toBe(true);
  });

  it("documents every letter it handles", () => {
    const documented = new Set(KEY_LEGEND.flatMap((k) => k.keys.map((key) => key.toLowerCase())));
    for (const letter of "sbrpxanm?") {
      expect(press(letter), letter).not.toBeNull();
      expect(documented.has(letter), letter).toBe(true);
    }
  });
});
