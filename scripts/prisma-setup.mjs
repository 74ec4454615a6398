#!/usr/bin/env node
// Generates the Prisma clients without Prisma's native engines; runs as `npm postinstall`, so it is
// plain Node ESM (no tsx, no TypeScript) and must stay fast when nothing changed.
//
//   node scripts/prisma-setup.mjs generate [--force]
//       1. prisma/postgresql/schema.prisma <- prisma/sqlite/schema.prisma (provider + output rewritten)
//       2. `prisma generate` for both schemas, skipped per provider when the stamp in the output
//          directory matches the schema text and the Prisma version (so re-runs cost ~50 ms)
//   node scripts/prisma-setup.mjs check
//       exits 1 when prisma/postgresql/schema.prisma is not what the SQLite schema renders to (CI)
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { POSTGRES_SCHEMA, syncPostgresSchemaFile } from "../src/store/schema-engine/postgres-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const PROVIDERS = ["sqlite", "postgresql"];
const STAMP = ".generated-from";

// The CLI insists on the native schema-engine binary at start-up (and would download it); any existing
// file satisfies it, and `generate` never runs it. prisma.config.ts sets the same default.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, "scripts", "no-schema-engine.sh"),
  CHECKPOINT_DISABLE: "1", // no telemetry / update check: the machines have no internet
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

async function main() {
  const [command = "generate", ...flags] = process.argv.slice(2);
  if (command === "check") return check();
  if (command === "generate") return generate(flags.includes("--force"));
  console.error("usage: node scripts/prisma-setup.mjs <generate [--force]|check>");
  return 2;
}

async function check() {
  const { inSync } = await syncPostgresSchemaFile(root, { check: true });
  if (inSync) {
    console.log(`${POSTGRES_SCHEMA} is in sync with prisma/sqlite/schema.prisma`);
    return 0;
  }
  console.error(`${POSTGRES_SCHEMA} is out of date: run \`npm run db:generate\` and commit the result`);
  return 1;
}

async function generate(force) {
  const started = performance.now();
  const { written } = await syncPostgresSchemaFile(root);
  if (written) console.log(`updated ${POSTGRES_SCHEMA}`);
  const cli = require.resolve("prisma/build/index.js");
  const { version } = require("prisma/package.json");
  // The two generators are independent processes: run them side by side (~1.5 s instead of ~3 s).
  const results = await Promise.all(PROVIDERS.map((provider) => generateOne(cli, version, provider, force)));
  const ran = PROVIDERS.filter((_, i) => results[i] === "generated");
  const took = Math.round(performance.now() - started);
  console.log(
    ran.length ? `prisma clients generated (${ran.join(", ")}) in ${took} ms` : "prisma clients up to date",
  );
  return 0;
}

/** @returns {Promise<"generated" | "fresh">} */
async function generateOne(cli, version, provider, force) {
  const schemaPath = path.join(root, "prisma", provider, "schema.prisma");
  const outputDir = path.join(root, "src", "store", "generated", provider);
  // A content stamp rather than mtimes: git checkouts and npm extraction make mtimes meaningless.
  const stamp = createHash("sha256")
    .update(`${version}\n`)
    .update(await readFile(schemaPath))
    .digest("hex");
  const stampPath = path.join(outputDir, STAMP);
  const previous = await readFile(stampPath, "utf8").catch(() => "");
  if (!force && previous.trim() === stamp) return "fresh";
  await run(process.execPath, [cli, "generate", "--schema", schemaPath], provider);
  await writeFile(stampPath, `${stamp}\n`);
  return "generated";
}

function run(command, args, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      // Quiet on success (postinstall noise); the full CLI output when it fails.
      if (code === 0) resolve(undefined);
      else reject(new Error(`prisma generate (${label}) failed with exit code ${code}:\n${output}`));
    });
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
