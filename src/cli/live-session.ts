import type { Config } from "../config.js";
import { openConfiguredApp } from "./configured-app.js";
import { configuredDatabaseUrl } from "./database.js";
import type { CliIo } from "./io.js";

/** `--live`: the configured database and real Genesys Cloud (or GENESYS_SIMULATOR_URL); no demo data. */
export async function openLiveSession(config: Config, logLevel: string, logs?: CliIo["logs"]) {
  const { app, notes } = await openConfiguredApp(config, logLevel, undefined, logs);
  const databaseUrl = configuredDatabaseUrl(config);
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
