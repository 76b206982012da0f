// The customer-facing order board shows first names only: enough for a customer to spot
// their order, little for anyone else to learn from a screen in a public place.

const BOARD_NAME_MAX = 12;

/** The first word of the name, cut to BOARD_NAME_MAX characters (whole code points, so no half emoji). */
export function boardFirstName(customerName: string): string {
  const first = customerName.trim().split(/\s+/u)[0] ?? "";
  return Array.from(first).slice(0, BOARD_NAME_MAX).join("");
}
