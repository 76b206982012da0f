// Applies pending migrations to DATABASE_URL (offline-capable equivalent of `prisma migrate deploy`),
// then, on the very first run, makes the manager account and prints its one-time password:
// this step runs on every kind of deployment (`npm start`, the AWS one-off task), so its
// output (console, CloudWatch) is where the first password is found.
import { ensureFirstManager, firstManagerNotice } from "../lib/auth/staff-accounts.ts";
import { createPrismaClient } from "../lib/db/prisma.ts";
import { applyMigrations } from "../lib/db/schema-engine.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
const prisma = createPrismaClient(url);
try {
  const created = await ensureFirstManager({ prisma });
  if (created) for (const line of firstManagerNotice(created)) console.log(line);
} finally {
  await prisma.$disconnect();
}
