import { defineConfig } from "prisma/config";

// The CLI is only used for `prisma generate` here (see docs/operations.md); migrations go through
// scripts/db-migrate.ts. DATABASE_URL is optional so that generate works on a machine with no database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
