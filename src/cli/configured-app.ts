import type { Config } from "../config.js";
import type { App } from "../main.js";
import { type AdminDatabase, configuredDatabaseUrl } from "./database.js";
import type { CliIo } from "./io.js";
import { loadMasterKey } from "./master-key.js";

/**
 * The application on the configured database (DATABASE_URL or the data directory's SQLite file) and
 * Genesys Cloud or GENESYS_SIMULATOR_URL: what admin commands and `--live` sessions run against.
 * `notes` are things to tell the user once (a generated local master key). The app's modules are
 * loaded here, not at import: a command's usage errors answer before any of them is read.
 * `prometheus`: only serve exposes /metrics; other commands do not load prom-client.
 * `workspace`: the database is a shell/exec workspace's; without GENESYS_SIMULATOR_URL (or
 * --genesys-url), its embedded simulator runs for this command, so `user map` and the like verify
 * against the workspace's Genesys as `exec` would, not against Genesys Cloud.
 */
export async function openConfiguredApp(
  config: Config,
  logLevel = "warn",
  databaseUrl = configuredDatabaseUrl(config),
  logs?: CliIo["logs"],
  prometheus = false,
  workspace?: AdminDatabase["workspace"],
): Promise<{ app: App; notes: string[] }> {
  const notes: string[] = [];
  let sim: { url: string; close(): Promise<void> } | undefined;
  if (workspace && !config.genesysSimulatorUrl) {
    const { startWorkspaceSimulator, workspaceFixture } = await import("./workspace.js");
    const { workspaceDir } = await import("./workspace-dir.js");
    const dir = workspaceDir(config.dataDir, workspace.fixturePath);
    sim = await startWorkspaceSimulator(dir, await workspaceFixture(dir, workspace.fixturePath));
  }
  const [{ buildApp }, { createLogger }] = await Promise.all([import("../main.js"), import("../logging.js")]);
  const app = await buildApp({
    config,
    databaseUrl,
    masterKey: loadMasterKey(config, notes),
    logger: createLogger(config.logLevel ?? logLevel, logs),
    simulatorUrl: config.genesysSimulatorUrl ?? sim?.url,
    prometheus,
  }).catch(async (e: unknown) => {
    await sim?.close();
    throw e;
  });
  if (!sim) return { app, notes };
  const embedded = sim;
  return {
    app: {
      ...app,
      async close() {
        await app.close();
        await embedded.close();
      },
    },
    notes,
  };
}
