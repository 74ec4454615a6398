#!/usr/bin/env node
// Compiles src/ into dist/, copies the non-TypeScript files the code reads at run time (the demo
// fixture, plain .mjs helpers), then bundles the CLI into dist/bundle/ (what bin/switchboard.js
// runs; scripts/bundle.mjs says why). Everything under src/ is picked up: no per-file lists. Plain
// Node ESM because it runs as part of `npm install` and before tests.
//
//   node scripts/build.mjs            builds when any file under src/ is newer than the last build
//   node scripts/build.mjs --force    builds regardless
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCli } from "./bundle.mjs";
import { writePrismaWasmFiles } from "./prisma-wasm-file.mjs";
import { requirePrismaRuntime } from "./require-prisma-runtime.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const dist = path.join(root, "dist");
const stamp = path.join(dist, ".built-at");
const BUILD_INPUTS = [
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "scripts/build.mjs",
  "scripts/bundle.mjs",
  "scripts/require-prisma-runtime.mjs",
  "scripts/prisma-wasm-file.mjs",
];

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

function newestInput() {
  let newest = 0;
  for (const file of [...walk(src), ...BUILD_INPUTS.map((f) => path.join(root, f))]) {
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

export async function build({ force = false } = {}) {
  const started = Date.now();
  const bundled = ["main.js", "main.cjs"].every((f) => existsSync(path.join(dist, "bundle", f)));
  if (!force && bundled && builtAt() >= newestInput()) return false;
  const pkg = createRequire(import.meta.url).resolve("typescript/package.json");
  const tsc = path.join(path.dirname(pkg), "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal})`);
  for (const file of walk(src)) {
    if (/\.(?:ts|mts|cts)$/.test(file)) continue; // compiled (or a declaration file)
    const target = path.join(dist, path.relative(src, file));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  requirePrismaRuntime(dist);
  await writePrismaWasmFiles(dist);
  await bundleCli(dist);
  // bin/code-cache.js's entries: keyed by content, so old ones would only pile up.
  rmSync(path.join(dist, ".v8-cache"), { recursive: true, force: true });
  // Stamped with the build's start time: a source edited during the build makes the next run rebuild.
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  utimesSync(stamp, new Date(started), new Date(started));
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await build({ force: process.argv.includes("--force") });
  if (!built) process.stdout.write("dist/ is up to date\n");
}
