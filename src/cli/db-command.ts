/** `switchboard db deploy|status`: migrations for the configured database (DATABASE_URL). */
import { parseCli } from "./args.js";
import { adminDatabase } from "./database.js";
import type { CliIo } from "./io.js";
import { readConfig } from "./read-config.js";
import { UsageError } from "./usage-error.js";

const USAGE = "switchboard db deploy|status [--fixture FILE | --live]";

export async function dbCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    { fixture: { type: "string" }, live: { type: "boolean" } },
    USAGE,
  );
  const [action] = positionals;
  const { url, label: where } = adminDatabase(await readConfig(io.env), values);
  // The schema engine and the database drivers only for a command that will use them.
  const { deployMigrations, migrationStatus } = await import("../store/schema-engine/deploy.js");
  if (action === "deploy") {
    const { applied } = await deployMigrations(url);
    io.stdout.write(
      applied.length ? `Applied to ${where}: ${applied.join(", ")}\n` : `${where} is up to date.\n`,
    );
    return 0;
  }
  if (action === "status") {
    const s = await migrationStatus(url);
    const lines = [
      `Database: ${where}`,
      `Applied: ${s.applied.length ? s.applied.join(", ") : "none"}`,
      `Pending: ${s.pending.length ? s.pending.join(", ") : "none"}`,
    ];
    for (const p of s.problems) lines.push(`Problem: ${p}`);
    if (s.pending.length) lines.push("Apply them with: switchboard db deploy");
    io.stdout.write(`${lines.join("\n")}\n`);
    return s.pending.length || s.problems.length ? 1 : 0;
  }
  throw new UsageError(action ? `unknown db action "${action}".` : "db needs an action.", `Usage: ${USAGE}`);
}
