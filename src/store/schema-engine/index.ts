/**
 * Prisma migrations without Prisma's native engine: the wasm schema engine driven through the
 * driver adapters, on the standard prisma/<provider>/migrations layout and `_prisma_migrations`
 * table (anyone with the native CLI can still run `prisma migrate deploy` on the same folders).
 */

export {
  createMigration,
  createMigrations,
  diffMigrations,
  syncPostgresSchema,
} from "./authoring.js";

export { deployMigrations, ensureMigrated, migrationStatus } from "./deploy.js";
export { migrationNames, PROJECT_ROOT } from "./migrations-dir.js";
