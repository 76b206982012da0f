// The one set of sentences the browser shows when a call to our own API fails (see
// api-client.ts). Screens with their own vocabulary (the checkout's "Too many orders
// from here", the sign-in form's better-auth codes) build on these rather than
// rewording them. Plain strings, no imports: usable from any client component.

/** No answer at all: the device is offline, or the server cannot be reached. */
export const OFFLINE_MESSAGE = "Can't reach the server. Check the connection and try again.";

/**
 * No answer to a request that carries an idempotency key (placing an order): the same
 * advice, plus why another tap cannot make a second order.
 */
export const OFFLINE_RETRY_SAFE_MESSAGE = "Can't reach the server. Check the connection and try again: the order won't be placed twice.";

/** A success whose answer was cut off (the connection dropped mid-body): it may have happened. */
export const CUT_OFF_MESSAGE = "The connection dropped before the server's answer arrived. Check whether it went through before trying again.";

/** 401 from a staff screen: the session ended (12 hours, or signed out elsewhere). */
export const SESSION_ENDED_MESSAGE = "Your session has ended: sign in again.";

/** `30 s`, `2 min`: how long to wait, as the messages say it. */
export function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** 429 or 502/503/504 without a message of the server's own: busy, and when to come back if it said. */
export function busyMessage(retryAfterSeconds: number | null): string {
  return retryAfterSeconds ? `The server is busy. Please try again in ${waitText(retryAfterSeconds)}.` : "The server is busy. Please try again in a moment.";
}

/** Anything else without a message of the server's own. */
export const genericMessage = (status: number) => `Something went wrong (${status}). Please try again.`;

/** Statuses that mean "not now" rather than "not this": too many requests, or the server (or its proxy) is down. */
export const isBusyStatus = (status: number) => status === 429 || status === 502 || status === 503 || status === 504;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The sentence for a refused request: a 401 ends the session; otherwise the server's
 * own message (safe to show by contract, lib/errors.ts), capitalised; otherwise busy or
 * generic by status.
 */
export function failureMessage(status: number, serverMessage: string | undefined, retryAfterSeconds: number | null): string {
  if (status === 401) return SESSION_ENDED_MESSAGE;
  if (serverMessage) return capitalise(serverMessage);
  if (isBusyStatus(status)) return busyMessage(retryAfterSeconds);
  return genericMessage(status);
}
