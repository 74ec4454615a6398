#!/usr/bin/env node
// Runs the compiled, bundled CLI in dist/bundle/ (`npm run build`, which `npm install` runs). For
// development without a build: `npm run dev -- <args>` runs the TypeScript sources through tsx.
import { setFlagsFromString } from "node:v8";

// Prisma's query compiler is wasm: baseline (Liftoff) code only, no optimising tier-up in the
// background. A command's queries are compiled once and cached, so the optimised code would never
// pay back what it costs at start: a one-shot exec measured ~0.1 s less CPU and ~20 MB less peak
// RSS. Set before any wasm is compiled. serve keeps V8's default (it runs for days).
if (process.argv[2] !== "serve") setFlagsFromString("--liftoff-only");

let cli;
try {
  cli = await import("../dist/bundle/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/bundle/main.js"))
    throw error;
  process.stderr.write(
    'switchboard: not built yet. Run "npm run build" (npm install does it) and try again.\n',
  );
  process.exit(70); // EX_SOFTWARE
}
process.exitCode = await cli.main(process.argv.slice(2));
