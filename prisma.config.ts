import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma 7 CLI downloads its native schema-engine at start-up, even for `prisma generate`, which
// never runs it; the download is blocked on our machines. Any existing file satisfies the check, so
// point it at a placeholder that explains where migrations really run (the wasm engine:
// `node --import tsx scripts/db.ts`). `??=` keeps a real binary if a developer has one.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "scripts/no-schema-engine.sh");

export default defineConfig({
  // `--schema prisma/postgresql/schema.prisma` for the generated PostgreSQL copy.
  schema: "prisma/sqlite/schema.prisma",
  migrations: { path: "prisma/sqlite/migrations" },
});
