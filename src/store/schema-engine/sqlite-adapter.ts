/**
 * The SQLite driver adapter the wasm schema engine migrates through (the engine has no drivers of
 * its own: it speaks to the database only via a Prisma driver adapter factory).
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * @param filePath the database file, or ":memory:" when only the shadow database matters
 *   (create/diff replay the migrations into the shadow database and never touch the main one).
 */
export function sqliteMigrationAdapter(filePath: string): SqlMigrationAwareDriverAdapterFactory {
  // Same busy timeout as the application (db.ts): another process may be writing to the file.
  const base = new PrismaBetterSqlite3({ url: filePath, timeout: 5_000 }, { shadowDatabaseUrl: ":memory:" });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    connectToShadowDb: async () => routeScriptsToExec(await base.connectToShadowDb()),
  };
}

/**
 * Workaround: when replaying migrations into the shadow database, the engine sends each whole
 * migration.sql through executeRaw() without arguments, and better-sqlite3's prepare() refuses more
 * than one statement. Argument-less executeRaw on the shadow connection goes to executeScript()
 * (better-sqlite3's exec()) instead; the main connection already receives scripts via executeScript.
 */
function routeScriptsToExec(shadow: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = shadow.executeRaw.bind(shadow);
  shadow.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await shadow.executeScript(query.sql);
    return 0;
  };
  return shadow;
}
