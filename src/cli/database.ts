import path from "node:path";
import type { Config } from "../config.js";

/** DATABASE_URL, or a SQLite file in the data directory for a single local installation. */
export function configuredDatabaseUrl(config: Config): string {
  return config.databaseUrl ?? `file:${path.join(config.dataDir, "switchboard.db")}`;
}
