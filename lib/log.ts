import pino from "pino";

// Structured JSON logs. Customer contact details and order links (the public token is
// the customer's only key to their order) never reach the log in clear: known fields
// are redacted by path, and free text (error messages, request paths) is scrubbed of
// anything that looks like an email address, a phone number or an order token.

const REDACTED = "[redacted]";

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[A-Za-z]{2,}/g;
// An international number as customers type it: +, country code, 6–14 more digits,
// optionally split by spaces, dots, dashes or brackets.
const PHONE = /\+[\s().-]*[1-9](?:[\s().-]*\d){6,14}/g;
// /orders/<token> in URLs and paths (pages, the JSON route and its event stream).
const ORDER_LINK = /(\/orders\/)[A-Za-z0-9_-]{8,}/g;

/** Replaces contact details and order tokens in free text. */
export function scrubText(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED).replace(ORDER_LINK, `$1${REDACTED}`);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrubText(value);
  if (depth <= 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth - 1));
  // Only plain objects are rebuilt; errors and other instances are left to pino.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrub(v, depth - 1);
  return out;
}

// Where log lines go: stdout, or a capture stream that a test installs.
type LogSink = { write: (line: string) => unknown };
const stdout = pino.destination({ dest: 1, sync: true });
let sink: LogSink | null = null;

/** Sends log lines to `destination` instead of stdout (null: back to stdout). For tests. */
export function setLogDestination(destination: LogSink | null): void {
  sink = destination;
}

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: process.env.BREWLINE_SERVICE ?? "brewline" },
    redact: {
      paths: [
        "phone",
        "email",
        "recipient",
        "to",
        "publicToken",
        "token",
        "*.phone",
        "*.email",
        "*.recipient",
        "*.to",
        "*.publicToken",
        "*.token",
        "password",
        "*.password",
      ],
      censor: REDACTED,
    },
    formatters: { log: (object) => scrub(object, 6) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? scrubText(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  },
  { write: (line: string) => (sink ?? stdout).write(line) },
);

export type Logger = typeof logger;

export function errorInfo(error: unknown): { message: string; name?: string; code?: unknown } {
  if (error instanceof Error) return { message: error.message, name: error.name, code: (error as { code?: unknown }).code };
  return { message: String(error) };
}
