// The kitchen display's bump-bar / keyboard map, kept pure so it can be tested without a
// browser. Bump bars are programmable keyboards: they send plain keys (digits, letters,
// Enter, arrows), so every action on the screen has one.

export type KdsKeyAction =
  | { type: "select"; index: number }
  | { type: "move"; by: number }
  | { type: "first" }
  | { type: "last" }
  | { type: "start" }
  | { type: "bump" }
  | { type: "recall" }
  | { type: "priority" }
  | { type: "cancel" }
  | { type: "allDay" }
  | { type: "counterOrder" }
  | { type: "mute" }
  | { type: "help" };

/** What the key event was aimed at: enough to tell typing from a shortcut. */
export type KeyTarget = {
  tagName: string;
  type?: string | null;
  isContentEditable?: boolean;
  role?: string | null;
  /** Focus got there by Tab (not left behind by a tap): Enter is then meant for it. */
  keyboardFocused?: boolean;
};

export type KeyInput = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  target: KeyTarget | null;
  /** A modal dialog is open: its own controls own the keyboard. */
  dialogOpen: boolean;
};

// Inputs that do not take text (a checkbox, a button) leave letters free for shortcuts.
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  if (target.isContentEditable) return true;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase());
  return target.role === "textbox" || target.role === "combobox" || target.role === "searchbox";
}

/**
 * Enter on a button or link the barista tabbed to presses it. A tap also leaves focus
 * on the button it hit, but then Enter (a bump bar's bump key) still means bump.
 */
function pressesFocusedControl(target: KeyTarget | null): boolean {
  if (!target?.keyboardFocused) return false;
  const tag = target.tagName.toUpperCase();
  return tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || tag === "INPUT" || target.role === "button" || target.role === "link";
}

const LETTERS: Record<string, KdsKeyAction> = {
  s: { type: "start" },
  b: { type: "bump" },
  r: { type: "recall" },
  p: { type: "priority" },
  x: { type: "cancel" },
  a: { type: "allDay" },
  n: { type: "counterOrder" },
  m: { type: "mute" },
};

/** The action for a key press, or null when the key is not a shortcut here. */
export function kdsKeyAction(input: KeyInput): KdsKeyAction | null {
  // Ctrl/Cmd/Alt combinations belong to the browser (reload, copy, tab switching).
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (input.dialogOpen || isTypingTarget(input.target)) return null;
  const { key } = input;
  switch (key) {
    case "ArrowLeft":
    case "ArrowUp":
      return { type: "move", by: -1 };
    case "ArrowRight":
    case "ArrowDown":
      return { type: "move", by: 1 };
    case "Home":
      return input.repeat ? null : { type: "first" };
    case "End":
      return input.repeat ? null : { type: "last" };
  }
  // Holding a key down must not bump or cancel ticket after ticket.
  if (input.repeat) return null;
  if (key === "Enter") return pressesFocusedControl(input.target) ? null : { type: "bump" };
  if (key === "?") return { type: "help" };
  if (/^[0-9]$/.test(key)) return { type: "select", index: key === "0" ? 9 : Number(key) - 1 };
  return LETTERS[key.toLowerCase()] ?? null;
}

/** The legend bar and the help dialog both read this, so the two cannot disagree. */
export const KEY_LEGEND: { keys: string[]; short: string; long: string }[] = [
  { keys: ["1", "…", "9", "0"], short: "select", long: "Select the 1st to 9th ticket (0 = 10th)" },
  { keys: ["←", "→"], short: "move", long: "Select the previous / next ticket (↑ ↓ too; Home / End for the first / last)" },
  { keys: ["S"], short: "start", long: "Start the selected ticket (claims it under your name)" },
  { keys: ["Enter", "B"], short: "ready", long: "Bump the selected ticket: Ready (Done on a station screen)" },
  { keys: ["R"], short: "recall", long: "Recall the last bumped ticket back onto the board" },
  { keys: ["P"], short: "priority", long: "Move the selected ticket to the front, or back into line" },
  { keys: ["X"], short: "cancel", long: "Cancel the selected ticket (asks for a reason first)" },
  { keys: ["A"], short: "all-day", long: "Show or hide the all-day counts" },
  { keys: ["N"], short: "counter order", long: "Key in an order for a customer at the counter" },
  { keys: ["M"], short: "mute", long: "Sound on / off" },
  { keys: ["?"], short: "help", long: "This list" },
];
