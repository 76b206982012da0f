// The kitchen screen's addresses. Its actions go through the one browser client
// (components/api/api-client.ts), whose failure message is the server's own when it sent
// one, e.g. "Ticket #12 was already started by Sam".

export const ticketUrl = (id: string, action: string) => `/api/kds/tickets/${encodeURIComponent(id)}/${action}`;

/** `?station=Espresso%20bar`, or nothing for the expediter's view of everything. */
export const stationQuery = (station: string | null) => (station ? `?station=${encodeURIComponent(station)}` : "");
