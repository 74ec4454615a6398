import path from "node:path";
import type { Config } from "../config.js";
import { workspaceDir } from "./workspace-dir.js";

/** DATABASE_URL, or a SQLite file in the data directory for a single local installation. */
export function configuredDatabaseUrl(config: Config): string {
  return config.databaseUrl ?? `file:${path.join(config.dataDir, "switchboard.db")}`;
}

export interface AdminDatabase {
  url: string;
  /** What to tell the user: which database this command opened. */
  label: string;
  /** Set when it is a shell/exec workspace's database: that workspace's Genesys is its embedded simulator. */
  workspace?: { fixturePath: string | undefined };
}

/**
 * The database the admin commands (org, user, audit, db) work on: DATABASE_URL when configured;
 * otherwise the workspace `shell` and `exec` use, the demo's or `--fixture FILE`'s, so what a demo
 * session did is what `audit verify` and `org list` see; `--live`: the file `serve` and `--live` use.
 */
export function adminDatabase(
  config: Config,
  options: { fixture?: string | undefined; live?: boolean | undefined } = {},
): AdminDatabase {
  const fixturePath = options.fixture;
  if (config.databaseUrl) {
    const kind = config.databaseUrl.startsWith("file:") ? config.databaseUrl.slice(5) : "PostgreSQL";
    return { url: config.databaseUrl, label: `DATABASE_URL (${kind})` };
  }
  if (options.live) {
    // What `serve` and `shell --live` open without DATABASE_URL: the local installation's file.
    const url = configuredDatabaseUrl(config);
    const file = url.slice(5);
    return { url, label: `the local installation (${path.relative(process.cwd(), file) || file})` };
  }
  const file = path.join(workspaceDir(config.dataDir, fixturePath), "switchboard.db");
  const where = path.relative(process.cwd(), file) || file;
  const whose = fixturePath ? `the workspace of fixture ${fixturePath}` : "the demo workspace";
  return { url: `file:${file}`, label: `${whose} (${where})`, workspace: { fixturePath } };
}
