import type { Config } from "../config.js";
import type { App } from "../main.js";
import { configuredDatabaseUrl } from "./database.js";
import type { CliIo } from "./io.js";
import { loadMasterKey } from "./master-key.js";

/**
 * The application on the configured database (DATABASE_URL or the data directory's SQLite file) and
 * Genesys Cloud or GENESYS_SIMULATOR_URL: what admin commands and `--live` sessions run against.
 * `notes` are things to tell the user once (a generated local master key). The app's modules are
 * loaded here, not at import: a command's usage errors answer before any of them is read.
 * `prometheus`: only serve exposes /metrics; other commands do not load prom-client.
 */
export async function openConfiguredApp(
  config: Config,
  logLevel = "warn",
  databaseUrl = configuredDatabaseUrl(config),
  logs?: CliIo["logs"],
  prometheus = false,
): Promise<{ app: App; notes: string[] }> {
  const notes: string[] = [];
  const [{ buildApp }, { createLogger }] = await Promise.all([import("../main.js"), import("../logging.js")]);
  const app = await buildApp({
    config,
    databaseUrl,
    masterKey: loadMasterKey(config, notes),
    logger: createLogger(config.logLevel ?? logLevel, logs),
    simulatorUrl: config.genesysSimulatorUrl,
    prometheus,
  });
  return { app, notes };
}
