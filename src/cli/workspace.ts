/**
 * A workspace is what `shell` and `exec` run in: a simulator seeded from a fixture (the built-in
 * demo or the user's file), a database of its own with the fixture's orgs linked and chat users
 * mapped, all under one data directory so separate runs share one coherent state.
 */
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import type { Logger } from "../core/kernel/logger.js";
import { staticPolicy } from "../core/policy/policy-source.js";
import { policyFromFixtureSection } from "../core/policy/validate-policy.js";
import { demoFixturePath } from "../genesys-sim/demo-fixture-path.js";
import type { Fixture } from "../genesys-sim/fixture.js";
import type { Simulator } from "../genesys-sim/server.js";
import { type App, buildApp } from "../main.js";
import { loadFixtureCached } from "./fixture-cache.js";
import { loadMasterKey } from "./master-key.js";
import { seedFromFixture } from "./seed.js";
import { workspaceDir } from "./workspace-dir.js";

export interface WorkspaceOptions {
  config: Config;
  logger: Logger;
  fixturePath?: string;
  reset?: boolean;
  /** A running `switchboard sim`; otherwise one is embedded in this process. */
  genesysUrl?: string;
}

export interface Workspace {
  app: App;
  fixture: Fixture;
  dir: string;
  databaseUrl: string;
  simulatorUrl: string;
  /** Notes for the banner: generated key, reset, embedded simulator. */
  notes: string[];
  /** Shell user names the fixture defines, in order. */
  chatUsers: string[];
  close(): Promise<void>;
}

/**
 * The workspace's embedded Genesys: the simulator seeded from its fixture, with the state earlier
 * runs left. Its server (and ws) load only when a process embeds it, not with --genesys-url.
 */
export async function startWorkspaceSimulator(dir: string, fixture: Fixture): Promise<Simulator> {
  const { startSimulator } = await import("../genesys-sim/server.js");
  return startSimulator({ fixture, statePath: path.join(dir, "genesys-sim.json") });
}

/** The workspace's fixture, parsed once per workspace (fixture-cache.ts). */
export function workspaceFixture(dir: string, fixturePath: string | undefined): Promise<Fixture> {
  return loadFixtureCached(fixturePath ?? demoFixturePath, path.join(dir, "fixture-cache.json"));
}

export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const { config, logger } = options;
  const dir = workspaceDir(config.dataDir, options.fixturePath);
  const fixture = await workspaceFixture(dir, options.fixturePath);
  const notes: string[] = [];
  if (options.reset && existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    notes.push(`Reset: removed ${path.relative(process.cwd(), dir) || dir}.`);
  }
  const masterKey = loadMasterKey(config, notes);
  const databaseUrl = config.databaseUrl ?? `file:${path.join(dir, "switchboard.db")}`;
  let sim: Simulator | undefined;
  let simulatorUrl = options.genesysUrl;
  if (!simulatorUrl) {
    sim = await startWorkspaceSimulator(dir, fixture);
    simulatorUrl = sim.url;
  }
  let app: App | undefined;
  try {
    app = await buildApp({
      config,
      databaseUrl,
      masterKey,
      logger,
      simulatorUrl,
      admins: fixture.switchboard?.admins ?? [],
      // Neither the shell nor exec serves /metrics.
      prometheus: false,
      // A fixture that states a policy is the whole scenario; otherwise the configured policy file.
      policy:
        fixture.switchboard?.policy === undefined
          ? undefined
          : staticPolicy(
              policyFromFixtureSection(fixture.switchboard.policy, options.fixturePath ?? "demo fixture"),
              `switchboard.policy in ${options.fixturePath ?? "the demo fixture"}`,
            ),
    });
    await seedFromFixture(app.services, fixture, "fixture");
  } catch (e) {
    await app?.close();
    await sim?.close();
    throw e;
  }
  const opened = app;
  return {
    app: opened,
    fixture,
    dir,
    databaseUrl,
    simulatorUrl,
    notes,
    chatUsers: (fixture.switchboard?.chatUsers ?? []).map((u) => u.name),
    async close() {
      await opened.close();
      await sim?.close();
    },
  };
}
