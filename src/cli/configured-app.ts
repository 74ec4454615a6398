import type { Config } from "../config.js";
import { createLogger } from "../logging.js";
import { type App, buildApp } from "../main.js";
import { configuredDatabaseUrl } from "./database.js";
import type { CliIo } from "./io.js";
import { loadMasterKey } from "./workspace.js";

/**
 * The application on the configured database (DATABASE_URL or the data directory's SQLite file) and
 * Genesys Cloud or GENESYS_SIMULATOR_URL: what admin commands and `--live` sessions run against.
 * `notes` are things to tell the user once (a generated local master key).
 */
export async function openConfiguredApp(
  config: Config,
  logLevel = "warn",
  databaseUrl = configuredDatabaseUrl(config),
  logs?: CliIo["logs"],
): Promise<{ app: App; notes: string[] }> {
  const notes: string[] = [];
  const app = await buildApp({
    config,
    databaseUrl,
    masterKey: loadMasterKey(config, notes),
    logger: createLogger(config.logLevel ?? logLevel, logs),
    simulatorUrl: config.genesysSimulatorUrl,
  });
  return { app, notes };
}
