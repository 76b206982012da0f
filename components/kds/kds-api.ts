import { errorMessage, type ApiError } from "../order/checkout.ts";

// One way for every kitchen screen action to talk to the server: JSON in, JSON out, and
// a failure turned into a sentence for the barista (the server's own message when it
// sent one, e.g. "Ticket #12 was already started by Sam").

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; body: ApiError | null };

export const OFFLINE_MESSAGE = "Can't reach the server. Check the connection and try again.";

export async function sendJson<T = unknown>(url: string, body: unknown, method: "POST" | "PATCH" = "POST"): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, message: OFFLINE_MESSAGE, body: null };
  }
  const data = (await response.json().catch(() => null)) as (T & ApiError) | null;
  if (response.ok) return { ok: true, data: data as T };
  return { ok: false, status: response.status, message: errorMessage(response.status, data), body: data };
}

export const ticketUrl = (id: string, action: string) => `/api/kds/tickets/${encodeURIComponent(id)}/${action}`;

/** `?station=Espresso%20bar`, or nothing for the expediter's view of everything. */
export const stationQuery = (station: string | null) => (station ? `?station=${encodeURIComponent(station)}` : "");
