// Prisma CLI configuration (Prisma 7: the URL lives here, not in the schema). Only `generate` is
// used (with PRISMA_SCHEMA_ENGINE_BINARY=/bin/true, offline); migrations are plain SQL files
// applied by lib/web/db/migrate.ts at start-up.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/drydock.db" },
});
