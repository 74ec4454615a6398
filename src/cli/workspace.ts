/**
 * A workspace is what `shell` and `exec` run in: a simulator seeded from a fixture (the built-in
 * demo or the user's file), a database of its own with the fixture's orgs linked and chat users
 * mapped, all under one data directory so separate runs share one coherent state.
 */
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import type { Logger } from "../core/kernel/logger.js";
import { staticPolicy } from "../core/policy/policy-source.js";
import { policyFromFixtureSection } from "../core/policy/validate-policy.js";
import {
  demoFixture,
  type Fixture,
  loadFixtureFile,
  type Simulator,
  startSimulator,
} from "../genesys-sim/index.js";
import { type App, buildApp } from "../main.js";
import { parseMasterKey } from "../store/cipher.js";
import { ensureKeyFile } from "../store/key-file.js";
import { seedFromFixture } from "./seed.js";

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

/** `.switchboard/demo`, or `.switchboard/fixture-<name>-<hash of its absolute path>`. */
export function workspaceDir(dataDir: string, fixturePath?: string): string {
  if (!fixturePath) return path.join(dataDir, "demo");
  const abs = path.resolve(fixturePath);
  const name = path
    .basename(abs)
    .replace(/\.[^.]+$/, "")
    .replace(/[^A-Za-z0-9_-]/g, "_")
    .slice(0, 40);
  const hash = createHash("sha256").update(abs).digest("hex").slice(0, 8);
  return path.join(dataDir, `fixture-${name}-${hash}`);
}

export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const { config, logger } = options;
  const fixture = options.fixturePath ? loadFixtureFile(options.fixturePath) : demoFixture();
  const dir = workspaceDir(config.dataDir, options.fixturePath);
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
    sim = await startSimulator({ fixture, statePath: path.join(dir, "genesys-sim.json") });
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

/** The configured key, or (local use only) one generated once into a 0600 file. */
export function loadMasterKey(config: Config, notes: string[]): Buffer {
  if (config.masterKey) return parseMasterKey(config.masterKey);
  const { key, created } = ensureKeyFile(config.masterKeyFile);
  if (created) {
    notes.push(
      `Generated a master key for local use in ${path.relative(process.cwd(), config.masterKeyFile) || config.masterKeyFile} (mode 0600). In production set SWITCHBOARD_MASTER_KEY instead.`,
    );
  }
  return key;
}
