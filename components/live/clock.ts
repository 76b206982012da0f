// The screens time things (ticket ages, how long a ready order stays on the board) from
// the server's timestamps, but count with the device's clock. A kitchen tablet's clock
// can be minutes off; the page's render time, from the server, tells by how much.

/** Below this the difference is mostly the page's own load time, not a wrong clock. */
const IGNORED_SKEW_MS = 5_000;

/** Milliseconds to add to the device's clock to get the server's. */
export function clockSkewMs(serverIso: string, deviceNow: number): number {
  const server = Date.parse(serverIso);
  if (Number.isNaN(server)) return 0;
  const skew = server - deviceNow;
  return Math.abs(skew) < IGNORED_SKEW_MS ? 0 : skew;
}
