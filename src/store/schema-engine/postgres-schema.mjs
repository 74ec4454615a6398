// The one rule that turns prisma/sqlite/schema.prisma (the source of truth) into
// prisma/postgresql/schema.prisma. Plain JavaScript because scripts/prisma-setup.mjs runs it as
// `npm postinstall`, before any TypeScript tooling is guaranteed; authoring.ts imports the same file
// (typed by the sibling .d.mts), so the CLI and the install script can never disagree on the output.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "sqlite", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");

const HEADER =
  "// GENERATED from prisma/sqlite/schema.prisma by `npm run db:generate`: do not edit.\n" +
  "// Change the SQLite schema instead; CI fails when this copy is out of date.\n\n";

/**
 * Renders the PostgreSQL schema: only the datasource provider and the client output differ.
 * @param {string} sqliteSchema
 * @returns {string}
 */
export function renderPostgresSchema(sqliteSchema) {
  const provider = /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(output\s*=\s*"[^"]*\/generated\/)sqlite"/;
  if (!provider.test(sqliteSchema) || !output.test(sqliteSchema)) {
    throw new Error(
      `${SQLITE_SCHEMA}: expected a sqlite datasource and an output ending in generated/sqlite`,
    );
  }
  return HEADER + sqliteSchema.replace(provider, '$1"postgresql"').replace(output, '$1postgresql"');
}

/**
 * Writes (or, with check, only compares) the PostgreSQL schema under `root`.
 * @param {string} root project root
 * @param {{ check?: boolean }} [options]
 * @returns {Promise<{ inSync: boolean; written: boolean }>}
 */
export async function syncPostgresSchemaFile(root, options = {}) {
  const wanted = renderPostgresSchema(await readFile(path.join(root, SQLITE_SCHEMA), "utf8"));
  const target = path.join(root, POSTGRES_SCHEMA);
  const current = await readFile(target, "utf8").catch(() => null);
  if (current === wanted) return { inSync: true, written: false };
  if (options.check) return { inSync: false, written: false };
  await writeFile(target, wanted); // only when different: an unchanged mtime keeps tooling caches warm
  return { inSync: false, written: true };
}
