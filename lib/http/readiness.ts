import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { errorInfo } from "../log.ts";

// Readiness for a load balancer: this instance can take orders only if Postgres answers,
// the schema has been migrated, and the orders queue is reachable.

export type ReadinessCheck = { name: "database" | "migrations" | "ordersQueue"; ok: boolean; detail?: string };

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

const short = (error: unknown) => errorInfo(error).message.split("\n").filter(Boolean).slice(-1)[0]?.slice(0, 200) ?? "failed";

export async function checkReadiness(options: {
  prisma: PrismaClient;
  sqs: Pick<SQSClient, "send">;
  ordersQueueUrl: string;
  timeoutMs?: number;
}): Promise<{ ok: boolean; checks: ReadinessCheck[] }> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const database = withTimeout(options.prisma.$queryRaw`SELECT 1`, timeoutMs, "database")
    .then((): ReadinessCheck => ({ name: "database", ok: true }))
    .catch((error: unknown): ReadinessCheck => ({ name: "database", ok: false, detail: short(error) }));
  const migrations = withTimeout(
    options.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    timeoutMs,
    "migrations check",
  )
    .then((rows): ReadinessCheck => (rows[0]?.n ? { name: "migrations", ok: true, detail: `${rows[0].n} applied` } : { name: "migrations", ok: false, detail: "no migrations applied" }))
    .catch((error: unknown): ReadinessCheck => ({ name: "migrations", ok: false, detail: short(error) }));
  const ordersQueue = options.sqs
    .send(new GetQueueAttributesCommand({ QueueUrl: options.ordersQueueUrl, AttributeNames: ["QueueArn"] }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    })
    .then((): ReadinessCheck => ({ name: "ordersQueue", ok: true }))
    .catch((error: unknown): ReadinessCheck => ({ name: "ordersQueue", ok: false, detail: short(error) }));

  const checks = await Promise.all([database, migrations, ordersQueue]);
  return { ok: checks.every((c) => c.ok), checks };
}
