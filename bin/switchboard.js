#!/usr/bin/env node
// Runs the compiled, bundled CLI in dist/bundle/ (`npm run build`, which `npm install` runs). For
// development without a build: `npm run dev -- <args>` runs the TypeScript sources through tsx.
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";

// A short command (exec, org, user, keys, db) runs for well under a second: V8's optimising
// compilers would spend more than they save. No TurboFan for JS (--no-opt), and Prisma's query
// compiler (wasm) on baseline Liftoff code only, without tier-up in background threads (its few
// query plans are compiled once). A warm exec measured ~0.2 s less CPU and ~30 MB less peak RSS.
// Set before any code gets hot or any wasm is compiled. The long-running ones (serve, sim, the
// shell) and audit (it walks the whole log) keep V8's defaults.
const SHORT = new Set(["exec", "org", "user", "keys", "db"]);
if (SHORT.has(process.argv[2])) {
  setFlagsFromString("--liftoff-only");
  setFlagsFromString("--no-opt");
  // After the flags: V8 ties cached code to the flags it was made with.
  const { installCodeCache } = await import("./code-cache.js");
  installCodeCache();
}
// serve holds little (~28 MB of JS heap with 1,000 orgs warm) but every command churns ~1.4 MB of
// short-lived objects, and those in flight when a scavenge runs are promoted. V8 lets the old space
// grow up to 4x the live heap before a full GC, so a burst of commands took RSS to ~190 MB of
// mostly garbage. Capping the growth at 1.5x makes full GCs come sooner on a small heap (each a few
// ms): peak RSS 187-205 -> 154-157 MB (bench/memory.ts, side by side), no measurable CPU change.
// A runtime flag, read at each GC; bench/memory-probe.mjs sets the same one to measure serve.
if (process.argv[2] === "serve") setFlagsFromString("--heap-growing-percent=50");

let cli;
try {
  cli = await import("../dist/bundle/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/bundle/main.js"))
    throw error;
  notBuilt();
}
// A short command runs in the CommonJS build of the same bundle (scripts/bundle.mjs): Node 20 keeps
// no compiled code for ES modules, so only through require() does our own code come out of the
// code cache too (a warm exec: ~110 ms less CPU). The ES module bundle still answers --help and
// unknown commands (main.cjs is loaded only to run one); the other commands keep it entirely.
const oneShot = SHORT.has(process.argv[2]);
const runner = oneShot ? commonJsMain : undefined;
process.exitCode = await cli.main(process.argv.slice(2), undefined, { oneShot, runner });

function commonJsMain() {
  try {
    return createRequire(import.meta.url)("../dist/bundle/main.cjs").main;
  } catch (error) {
    if (error?.code !== "MODULE_NOT_FOUND" || !String(error.message).includes("dist/bundle/main.cjs"))
      throw error;
    notBuilt();
  }
}

function notBuilt() {
  process.stderr.write(
    'switchboard: not built yet. Run "npm run build" (npm install does it) and try again.\n',
  );
  process.exit(70); // EX_SOFTWARE
}
