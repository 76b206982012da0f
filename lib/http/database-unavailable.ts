// Postgres being down (or unreachable, or out of connections) is an outage, not a bug:
// the customer gets a 503 with a "try again" message instead of a generic 500. Errors
// are recognised by shape (Prisma error codes, the pg driver adapter's error kinds, raw
// pg/socket codes) so this module does not need the Prisma runtime.

// P1001 can't reach server, P1002 timed out, P1008 operation timed out, P1017 server
// closed the connection, P2024 pool timeout, P2037 too many connections.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);

const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);

const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

// SQLSTATE: class 08 is "connection exception"; 57P01-03 are admin shutdown, crash
// shutdown and "cannot connect now" (starting up); 53300 too many connections.
const isUnavailableSqlState = (code: string) => code.startsWith("08") || ["57P01", "57P02", "57P03", "53300"].includes(code);

const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /can't reach database server/i,
  /timeout exceeded when trying to connect/i,
  /unable to start a transaction in the given time/i,
  /connection (?:is )?(?:closed|refused)/i,
  /terminating connection due to administrator command/i,
];

type Shape = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } };
  cause?: unknown;
};

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as Shape;
  if (e.name === "PrismaClientInitializationError") return true;
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code))) return true;
  // A 5-character code is a Postgres SQLSTATE straight from the pg driver.
  if (code && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P") && isUnavailableSqlState(code)) return true;

  const adapterCause = e.meta?.driverAdapterError?.cause;
  if (adapterCause) {
    if (typeof adapterCause.kind === "string" && ADAPTER_KINDS.has(adapterCause.kind)) return true;
    const sqlState = adapterCause.originalCode ?? adapterCause.code;
    if (typeof sqlState === "string" && isUnavailableSqlState(sqlState)) return true;
  }
  const isDbError =
    typeof e.name === "string" && (e.name.startsWith("PrismaClient") || e.name === "DriverAdapterError" || e.name === "DatabaseError");
  if ((isDbError || code === undefined) && typeof e.message === "string" && CONNECTION_MESSAGES.some((re) => re.test(e.message as string))) {
    return true;
  }
  return isDatabaseUnavailable(e.cause, depth + 1);
}
