import path from "node:path";

// What `npm start` / `npm run dev` will run, decided from the command line and the
// environment alone (no I/O), so the decision table is unit-tested.

type StackMode = "start" | "dev";

export type StackSettings = {
  mode: StackMode;
  /** `start` mode: run `next build` first. */
  build: boolean;
  root: string;
  /** Holds postgres/ and mail/; git-ignored. */
  dataDir: string;
  ports: { web: number; workerHealth: number; postgres: number; queue: number; smtp: number; mailWeb: number };
  /** external: DATABASE_URL was given; it is still migrated and seeded. */
  database: { kind: "embedded" } | { kind: "external"; url: string };
  /**
   * embedded: fauxqs in this process; endpoint: an emulator at AWS_ENDPOINT_URL that we
   * provision; given: queue URLs from the environment (real AWS when no endpoint is set).
   */
  queues: { kind: "embedded" } | { kind: "endpoint"; endpoint: string } | { kind: "given"; aws: boolean };
  mail: { kind: "embedded" } | { kind: "external"; smtpUrl: string };
  /**
   * pg_dump-like backups of the embedded database (docs/BACKUPS.md): where they go, how
   * many automatic ones to keep (0 = take none), and the hour (0-23, local time) of the nightly one.
   */
  backups: { dir: string; keep: number; hour: number };
};

export const DEFAULT_PORTS = { web: 3000, workerHealth: 3001, postgres: 54329, queue: 4566, smtp: 1025, mailWeb: 1080 };

export class UsageError extends Error {}

/** A folder as a person wants to read it: relative inside the project, absolute outside. */
export function displayPath(dir: string, from = process.cwd()): string {
  const rel = path.relative(from, dir);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? dir : rel;
}

function port(env: Record<string, string | undefined>, names: string[], fallback: number): number {
  for (const name of names) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      throw new UsageError(`${name}=${raw} is not a TCP port (1-65535)`);
    }
    return value;
  }
  return fallback;
}

function integer(env: Record<string, string | undefined>, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${name}=${raw} is not a whole number from ${min} to ${max}`);
  return value;
}

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

export function resolveSettings(argv: string[], env: Record<string, string | undefined>, root: string): StackSettings {
  const [mode, ...flags] = argv;
  if (mode !== "start" && mode !== "dev") {
    throw new UsageError("usage: node --import tsx scripts/stack.ts <start|dev> [--no-build]");
  }
  const unknown = flags.filter((f) => f !== "--no-build");
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(" ")}`);

  const ports = {
    web: port(env, ["BREWLINE_PORT", "PORT"], DEFAULT_PORTS.web),
    workerHealth: port(env, ["WORKER_HEALTH_PORT"], DEFAULT_PORTS.workerHealth),
    postgres: port(env, ["BREWLINE_PG_PORT"], DEFAULT_PORTS.postgres),
    queue: port(env, ["BREWLINE_QUEUE_PORT"], DEFAULT_PORTS.queue),
    smtp: port(env, ["BREWLINE_SMTP_PORT"], DEFAULT_PORTS.smtp),
    mailWeb: port(env, ["BREWLINE_MAIL_WEB_PORT"], DEFAULT_PORTS.mailWeb),
  };
  if (ports.web === ports.workerHealth) throw new UsageError(`the web app and the worker health check cannot both use port ${ports.web}`);

  let queues: StackSettings["queues"] = { kind: "embedded" };
  if (set(env.ORDERS_QUEUE_URL)) queues = { kind: "given", aws: !set(env.AWS_ENDPOINT_URL) };
  else if (set(env.AWS_ENDPOINT_URL)) queues = { kind: "endpoint", endpoint: env.AWS_ENDPOINT_URL };

  const dataDir = path.resolve(root, env.BREWLINE_DATA_DIR?.trim() || ".data");
  const backups = {
    // Relative to the project like the data folder; a USB disk or a network share works.
    dir: path.resolve(root, env.BREWLINE_BACKUP_DIR?.trim() || path.join(dataDir, "backups")),
    keep: integer(env, "BREWLINE_BACKUP_KEEP", 0, 1000, 7),
    hour: integer(env, "BREWLINE_BACKUP_HOUR", 0, 23, 3),
  };

  return {
    mode,
    build: mode === "start" && !flags.includes("--no-build") && env.BREWLINE_SKIP_BUILD !== "1",
    root,
    dataDir,
    ports,
    database: set(env.DATABASE_URL) ? { kind: "external", url: env.DATABASE_URL } : { kind: "embedded" },
    queues,
    mail: set(env.SMTP_URL) ? { kind: "external", smtpUrl: env.SMTP_URL } : { kind: "embedded" },
    backups,
  };
}

/** The ports this run will listen on itself (embedded servers and the two children). */
export function portsToClaim(s: StackSettings): { name: string; port: number; envVar: string }[] {
  const list = [
    { name: "web app", port: s.ports.web, envVar: "BREWLINE_PORT" },
    { name: "worker health check", port: s.ports.workerHealth, envVar: "WORKER_HEALTH_PORT" },
  ];
  if (s.database.kind === "embedded") list.push({ name: "PostgreSQL", port: s.ports.postgres, envVar: "BREWLINE_PG_PORT" });
  if (s.queues.kind === "embedded") list.push({ name: "SQS/SNS emulator", port: s.ports.queue, envVar: "BREWLINE_QUEUE_PORT" });
  if (s.mail.kind === "embedded") {
    list.push({ name: "SMTP (maildev)", port: s.ports.smtp, envVar: "BREWLINE_SMTP_PORT" });
    list.push({ name: "mail inbox (maildev)", port: s.ports.mailWeb, envVar: "BREWLINE_MAIL_WEB_PORT" });
  }
  const seen = new Map<number, string>();
  for (const p of list) {
    const other = seen.get(p.port);
    if (other) throw new UsageError(`${p.name} and ${other} are both set to port ${p.port}`);
    seen.set(p.port, p.name);
  }
  return list;
}
