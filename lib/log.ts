import pino from "pino";

// Structured JSON logs. Customer contact details never reach the log in clear.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.BREWLINE_SERVICE ?? "brewline" },
  redact: {
    paths: ["phone", "email", "recipient", "to", "*.phone", "*.email", "*.recipient", "*.to", "password", "*.password"],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;

export function errorInfo(error: unknown): { message: string; name?: string; code?: unknown } {
  if (error instanceof Error) return { message: error.message, name: error.name, code: (error as { code?: unknown }).code };
  return { message: String(error) };
}
