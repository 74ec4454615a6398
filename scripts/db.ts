/**
 * Developer commands for the database schema (the offline replacement for `prisma migrate`):
 *
 *   node --import tsx scripts/db.ts deploy      [--url URL]   apply pending migrations
 *   node --import tsx scripts/db.ts status      [--url URL]   applied / pending / problems
 *   node --import tsx scripts/db.ts create NAME [--shadow-url URL]
 *        new migration for BOTH providers (same folder name) from the schema changes
 *   node --import tsx scripts/db.ts diff        [--provider sqlite|postgresql] [--shadow-url URL]
 *   node --import tsx scripts/db.ts sync-schema [--check]
 *
 * Without --url, deploy and status open the database `switchboard db deploy|status` would, with the
 * same [--fixture FILE | --live] (DATABASE_URL, else the demo workspace's file), resolved through
 * src/config.ts, the one reader of the environment: the two can never migrate different files.
 * PostgreSQL migrations are planned in a throwaway shadow database: --shadow-url, else
 * $SHADOW_DATABASE_URL, else --url when it is PostgreSQL, else $TEST_DATABASE_URL.
 */
import { parseArgs } from "node:util";
import { adminDatabase } from "../src/cli/database.js";
import { loadConfig, loadSchemaToolSettings } from "../src/config.js";
import { isAppError } from "../src/core/kernel/errors.js";
import { providerOf } from "../src/store/database-url.js";
import {
  createMigrations,
  deployMigrations,
  diffMigrations,
  migrationStatus,
  syncPostgresSchema,
} from "../src/store/schema-engine/index.js";

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: "string" },
      "shadow-url": { type: "string" },
      provider: { type: "string" },
      check: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      fixture: { type: "string" },
      live: { type: "boolean" },
    },
  });
  const [command, name] = positionals;
  const configured = adminDatabase(loadConfig(), values);
  const url = values.url ?? configured.url;
  if (!values.url && (command === "deploy" || command === "status"))
    process.stderr.write(`Database: ${configured.label}\n`);
  const log = values.verbose
    ? (line: string) => process.stderr.write(`[schema-engine] ${line}\n`)
    : undefined;
  const pgUrl = url.startsWith("postgres") ? url : undefined;
  const tool = loadSchemaToolSettings();
  const shadowUrl = values["shadow-url"] ?? tool.shadowDatabaseUrl ?? pgUrl ?? tool.testDatabaseUrl;

  switch (command) {
    case "deploy": {
      const { applied } = await deployMigrations(url, { log });
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "no pending migrations");
      return 0;
    }
    case "status": {
      const status = await migrationStatus(url, { log });
      console.log(JSON.stringify(status, null, 2));
      return status.pending.length || status.problems.length ? 1 : 0;
    }
    case "create": {
      if (!name) return usage();
      const created = await createMigrations(name, { shadowUrl, log });
      for (const [provider, folder] of Object.entries(created)) {
        console.log(
          folder ? `created prisma/${provider}/migrations/${folder}` : `${provider}: schema unchanged`,
        );
      }
      return 0;
    }
    case "diff": {
      const provider =
        values.provider === "postgresql" ? "postgresql" : values.provider ? "sqlite" : providerOf(url);
      process.stdout.write(
        (await diffMigrations(provider, { shadowUrl, log })) || "-- migrations match the schema\n",
      );
      return 0;
    }
    case "sync-schema": {
      const { inSync, written } = await syncPostgresSchema({ check: values.check });
      console.log(
        inSync
          ? "prisma/postgresql/schema.prisma is in sync"
          : written
            ? "updated prisma/postgresql/schema.prisma"
            : "prisma/postgresql/schema.prisma is OUT OF SYNC",
      );
      return inSync || written ? 0 : 1;
    }
    default:
      return usage();
  }
}

function usage(): number {
  console.error(
    "usage: node --import tsx scripts/db.ts <deploy|status|create NAME|diff|sync-schema> [--url URL | --fixture FILE | --live]",
  );
  return 2;
}

main().then(
  (code) => process.exit(code), // exit explicitly: nothing should linger, but a pg pool must not hang a script
  (error: unknown) => {
    if (isAppError(error)) console.error([error.userMessage, ...error.details, error.hint ?? ""].join("\n"));
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
