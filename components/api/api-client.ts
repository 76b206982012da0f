import { CUT_OFF_MESSAGE, failureMessage, OFFLINE_MESSAGE } from "./error-messages.ts";

// The browser's one way to call our own JSON API (/api/*): JSON in, JSON out, and every
// failure typed by what happened (no answer, an answer cut off, a refusal) with a
// sentence to show (error-messages.ts). Never throws. Browser-side: no Node imports.
//
// Our routes refuse with `{ error: { code, message, details? } }` (lib/http/handle-route.ts),
// 429 and 503 with Retry-After; better-auth's (/api/auth/*) with `{ code, message }`.
// Both are read.

export type FieldErrors = Record<string, string>;

type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type ApiCallOptions = {
  /** Default GET. */
  method?: ApiMethod;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with its own type (an image upload); instead of `body`. */
  raw?: Blob;
  signal?: AbortSignal;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
};

type ApiSuccess<T> = { ok: true; status: number; data: T };

export type ApiFailure = {
  ok: false;
  /**
   * "offline": no answer at all (the device is offline or the server unreachable);
   * "cut-off": a success status whose body did not arrive whole or is not JSON, so the
   * request may well have taken effect; "refused": the server answered with an error
   * status; "aborted": the caller's signal stopped it (message empty: nothing to say).
   */
  kind: "offline" | "cut-off" | "refused" | "aborted";
  /** The HTTP status; 0 when there was none (offline, aborted). */
  status: number;
  /** `error.code` (our routes) or `code` (better-auth), when the server sent one. */
  code: string | undefined;
  /** The server's own message, as sent, when there is one. */
  serverMessage: string | undefined;
  /** What to show the user (error-messages.ts). */
  message: string;
  /** Field-level errors from zod issues or details.fields, keyed by top-level field. */
  fields: FieldErrors;
  /** From Retry-After (or better-auth's X-Retry-After), in seconds; null when absent. */
  retryAfterSeconds: number | null;
  /** The parsed body, or null: for screens that read the refusal's details themselves. */
  body: unknown;
};

export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

type ErrorShape = {
  code?: unknown;
  message?: unknown;
  error?: { code?: unknown; message?: unknown; details?: { issues?: { path?: unknown; message?: unknown }[]; fields?: Record<string, unknown> } };
};

const asShape = (body: unknown): ErrorShape | null => (typeof body === "object" && body !== null ? (body as ErrorShape) : null);
const stringOr = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Field errors keyed by the top-level field (`items[0].x` → `items`), first message wins. */
export function fieldErrorsOf(body: unknown): FieldErrors {
  const details = asShape(body)?.error?.details;
  const fields: FieldErrors = {};
  for (const [key, message] of Object.entries(details?.fields ?? {})) if (typeof message === "string") fields[key] = message;
  for (const issue of Array.isArray(details?.issues) ? details.issues : []) {
    const key = (typeof issue?.path === "string" ? issue.path : "").split(/[.[]/)[0] || "form";
    fields[key] ??= typeof issue?.message === "string" ? issue.message : "check this field";
  }
  return fields;
}

/** Seconds from a Retry-After header (seconds or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

const failure = (kind: ApiFailure["kind"], message: string, extra: Partial<ApiFailure> = {}): ApiFailure => ({
  ok: false,
  kind,
  status: 0,
  code: undefined,
  serverMessage: undefined,
  message,
  fields: {},
  retryAfterSeconds: null,
  body: null,
  ...extra,
});

function headersFor(options: ApiCallOptions): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.raw) headers["Content-Type"] = options.raw.type || "application/octet-stream";
  else if (options.body !== undefined) headers["Content-Type"] = "application/json";
  return headers;
}

/** The body, or null when it could not be read whole or is not JSON; an empty body is `{ data: null }`. */
async function readJson(response: Response): Promise<{ data: unknown } | null> {
  let text: string;
  try {
    text = response.status === 204 ? "" : await response.text();
  } catch {
    return null;
  }
  if (text.trim() === "") return { data: null };
  try {
    return { data: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/**
 * Calls one of our API routes. Resolves to `{ ok: true, data }` for a 2xx with a whole
 * JSON body (data null when the body is empty, as for a 204), or to a typed failure;
 * never rejects.
 */
export async function callApi<T = unknown>(path: string, options: ApiCallOptions = {}): Promise<ApiResult<T>> {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(path, {
      method: options.method ?? "GET",
      headers: headersFor(options),
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      cache: "no-store",
      signal: options.signal,
    });
  } catch {
    return options.signal?.aborted ? failure("aborted", "") : failure("offline", OFFLINE_MESSAGE);
  }
  const read = await readJson(response);
  if (options.signal?.aborted) return failure("aborted", "", { status: response.status });
  if (response.ok) {
    return read ? { ok: true, status: response.status, data: read.data as T } : failure("cut-off", CUT_OFF_MESSAGE, { status: response.status });
  }
  const body = read?.data ?? null;
  const shape = asShape(body);
  const code = stringOr(shape?.error?.code) ?? stringOr(shape?.code);
  const serverMessage = stringOr(shape?.error?.message) ?? stringOr(shape?.message);
  const retryAfter = retryAfterSeconds(response.headers.get("Retry-After") ?? response.headers.get("X-Retry-After"));
  return failure("refused", failureMessage(response.status, serverMessage, retryAfter), {
    status: response.status,
    code,
    serverMessage,
    fields: fieldErrorsOf(body),
    retryAfterSeconds: retryAfter,
    body,
  });
}
