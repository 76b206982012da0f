import { defineConfig } from "prisma/config";

// The URL is only needed by CLI commands that talk to a database (migrate deploy);
// `prisma generate` must work without one, e.g. during `npm install`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/brewline" },
});
