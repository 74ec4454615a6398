#!/usr/bin/env node
// Runs the compiled, bundled CLI in dist/bundle/ (`npm run build`, which `npm install` runs). For
// development without a build: `npm run dev -- <args>` runs the TypeScript sources through tsx.
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
