import type { Config } from "../config.js";
import type { Logger } from "../core/services.js";
import { buildApp } from "../main.js";
import { configuredDatabaseUrl } from "./database.js";
import { loadMasterKey } from "./workspace.js";

/** `--live`: the configured database and real Genesys Cloud (or GENESYS_SIMULATOR_URL); no demo data. */
export async function openLiveSession(config: Config, logger: Logger) {
  const notes: string[] = [];
  const masterKey = loadMasterKey(config, notes);
  const databaseUrl = configuredDatabaseUrl(config);
  const app = await buildApp({
    config,
    databaseUrl,
    masterKey,
    logger,
    simulatorUrl: config.genesysSimulatorUrl,
  });
  return {
    app,
    notes,
    chatUsers: [] as string[],
    describe: [
      `Genesys: ${config.genesysSimulatorUrl ? `simulator at ${config.genesysSimulatorUrl}` : "Genesys Cloud (live)"}`,
      `Data: ${databaseUrl.startsWith("file:") ? databaseUrl.slice(5) : "DATABASE_URL"}`,
    ],
    close: () => app.close(),
  };
}
