import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError, isAppError } from "../errors.ts";
import { errorInfo, logger } from "../log.ts";
import { isDatabaseUnavailable } from "./database-unavailable.ts";

// The one place where errors become HTTP responses. Route handlers throw (AppError,
// ZodError, or anything unexpected) and this maps them; the client never sees a stack.

export const MAX_BODY_BYTES = 32 * 1024;

export const UNAVAILABLE_MESSAGE = "We can't take orders for a moment, please try again";

type ErrorBody = {
  error: { code: string; message: string; details?: Record<string, unknown>; requestId?: string };
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Reuses a well-formed X-Request-Id from a proxy so logs line up; otherwise makes one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { ...init, headers });
}

function errorResponse(status: number, body: ErrorBody, requestId: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(body, { status, headers: { "X-Request-Id": requestId, ...headers } });
}

/** `items[0].quantity: quantity must be a number; customerName: please tell us your name` */
export function describeZodError(error: ZodError): string {
  return zodIssues(error)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join("; ");
}

function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
      "",
    ),
    message: issue.message,
  }));
}

/** A rate limit says when to come back (details.retryAfterSeconds); an outage, soon. */
function retryAfterHeader(error: AppError): Record<string, string> {
  const seconds = error.details?.retryAfterSeconds;
  if (typeof seconds === "number" && Number.isFinite(seconds)) return { "Retry-After": String(Math.max(1, Math.ceil(seconds))) };
  return error.code === "UNAVAILABLE" ? { "Retry-After": "5" } : {};
}

// Errors whose thrower logs them its own way, such as refused live streams, which come
// in floods and are summarised (lib/realtime/refusal-summary.ts): a line each here too
// would undo that.
const loggedElsewhere = new WeakSet<AppError>();

/** Marks an error as logged by whoever throws it: errorToResponse then answers it without a line of its own. */
export function loggedByThrower(error: AppError): AppError {
  loggedElsewhere.add(error);
  return error;
}

export function errorToResponse(error: unknown, requestId: string, context: { method?: string; path?: string } = {}): Response {
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    if (error.status >= 500 && !loggedElsewhere.has(error)) logger.warn({ requestId, ...context, code: error.code, err: errorInfo(error) }, "request failed");
    return errorResponse(error.status, body, requestId, retryAfterHeader(error));
  }
  if (error instanceof ZodError) {
    return errorResponse(
      400,
      { error: { code: "VALIDATION", message: describeZodError(error), details: { issues: zodIssues(error) } } },
      requestId,
    );
  }
  if (isDatabaseUnavailable(error)) {
    logger.error({ requestId, ...context, err: errorInfo(error) }, "database unavailable");
    return errorResponse(503, { error: { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE } }, requestId, { "Retry-After": "5" });
  }
  logger.error(
    { requestId, ...context, err: { ...errorInfo(error), stack: error instanceof Error ? error.stack : undefined } },
    "unhandled error in route",
  );
  return errorResponse(
    500,
    {
      error: {
        code: "INTERNAL",
        message: `Something went wrong on our side. Please try again (reference ${requestId}).`,
        requestId,
      },
    },
    requestId,
  );
}

export type RouteOptions = {
  /** The most a request body may be (declared or read); default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
};

/**
 * Wraps a route handler: every thrown error goes through errorToResponse, and every
 * response carries X-Request-Id. The context (e.g. `{ params }`) is passed through.
 * A body declared larger than the route's limit is refused (413) before the handler
 * runs, whatever the route does with bodies; one sent without a length is cut off by
 * readBodyBytes when the handler reads it.
 */
export function handleRoute<C = unknown>(
  handler: (request: Request, context: C) => Response | Promise<Response>,
  options: RouteOptions = {},
): (request: Request, context: C) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return async (request, context) => {
    const requestId = requestIdOf(request);
    try {
      if (declaredLength(request) > maxBodyBytes) throw tooLarge(maxBodyBytes);
      const response = await handler(request, context);
      if (!response.headers.has("X-Request-Id")) {
        try {
          response.headers.set("X-Request-Id", requestId);
        } catch {
          // Some responses (e.g. Response.redirect) have immutable headers.
        }
      }
      return response;
    } catch (error) {
      return errorToResponse(error, requestId, { method: request.method, path: new URL(request.url).pathname });
    }
  };
}

/** The Content-Length a client declared (0 when none); a malformed one counts as too large. */
function declaredLength(request: Request): number {
  const declared = request.headers.get("content-length");
  if (declared === null) return 0;
  return /^\d{1,15}$/.test(declared.trim()) ? Number(declared) : Number.POSITIVE_INFINITY;
}

const notJson = () => new AppError("VALIDATION", "body must be JSON");
const tooLarge = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `body is too large (at most ${Math.floor(maxBytes / 1024)} KB)`);

/**
 * The raw body, at most maxBytes. The Content-Length header is checked first, but it
 * can be absent (chunked) or wrong, so the bytes actually read are counted too and
 * reading stops as soon as the limit is passed.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredLength(request) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Reads a JSON body of at most maxBytes (see readBodyBytes). */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new AppError("VALIDATION", "body must be JSON (send Content-Type: application/json)");
  }
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes.byteLength === 0) throw notJson();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw notJson();
  }
  if (!text.trim()) throw notJson();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw notJson();
  }
}
