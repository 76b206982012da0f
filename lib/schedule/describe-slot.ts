// Shared by the server's messages and the customer's checkout (a leaf: the browser bundle
// takes nothing else from lib/schedule).

/** A slot as the customer reads it: "8:15" (today), "8:15 tomorrow", "8:15 on Saturday". */
export const describeSlot = (slot: { label: string; day: "today" | "next"; dayLabel: string }): string =>
  slot.day === "today" ? slot.label : `${slot.label} ${slot.dayLabel === "Tomorrow" ? "tomorrow" : `on ${slot.dayLabel}`}`;
