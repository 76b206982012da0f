// An item's prep time as a manager types and reads it ("1:30", "2" minutes, "45s") and as
// the database keeps it (MenuItem.prepSeconds; null = automatic, from the store's recent
// prep times). Scheduled orders reach the kitchen this long before their pickup slot.

export const MIN_PREP_SECONDS = 10;
export const MAX_PREP_SECONDS = 3600;

/** "1:30", "0:45", "60:00"; "automatic" for null. */
export function formatPrepTime(seconds: number | null): string {
  if (seconds === null) return "automatic";
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The field's text for a stored value: empty for automatic. */
export const prepTimeInputText = (seconds: number | null): string => (seconds === null ? "" : formatPrepTime(seconds));

export const PREP_TIME_INPUT_ERROR = `Type minutes:seconds such as 1:30, whole minutes such as 2, or seconds such as 45s (${formatPrepTime(MIN_PREP_SECONDS)} to ${formatPrepTime(MAX_PREP_SECONDS)}); leave empty for automatic`;

/**
 * Seconds for a typed prep time, null for an empty field (automatic), or undefined when it
 * is not one: strict, so "1.30" or "90" minutes is refused rather than guessed at.
 */
export function parsePrepTimeInput(text: string): number | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === "") return null;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(value);
  const minutes = /^(\d{1,2})\s*(m|min|mins|minutes?)?$/.exec(value);
  const secs = /^(\d{1,4})\s*(s|sec|secs|seconds?)$/.exec(value);
  const seconds = clock ? Number(clock[1]) * 60 + Number(clock[2]) : minutes ? Number(minutes[1]) * 60 : secs ? Number(secs[1]) : undefined;
  return seconds !== undefined && seconds >= MIN_PREP_SECONDS && seconds <= MAX_PREP_SECONDS ? seconds : undefined;
}
