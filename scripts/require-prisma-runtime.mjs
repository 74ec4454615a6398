// The generated Prisma clients are ES modules that `import * as runtime from
// "@prisma/client/runtime/client"`, a 208 KB CommonJS file in a package without a "type" field.
// Imported from ESM, Node 20 first compiles it once more to detect whether it is really CommonJS,
// then scans all of it with cjs-module-lexer for its export names, before loading it (~25-35 ms of
// a one-shot exec's CPU, with V8's optimising compiler off). Loaded with require() it is simply
// loaded, and through bin/code-cache.js from cached bytecode. So the compiled copies in dist/ take
// the runtime from require(); the namespace object becomes the module's exports object, which the
// generated code reads the same way (`runtime.getPrismaClient`, `runtime.Decimal`, …).
// The TypeScript sources are left alone (tests and tsx run them as generated). Should a Prisma
// upgrade write the import differently, nothing matches and the clients load as before.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const RUNTIME_IMPORT = 'import * as runtime from "@prisma/client/runtime/client";';
// One line for one: the source maps beside the files stay right.
const RUNTIME_REQUIRE =
  'import { createRequire as createRuntimeRequire } from "node:module"; ' +
  'const runtime = createRuntimeRequire(import.meta.url)("@prisma/client/runtime/client");';

/** Rewrites the runtime import in every compiled generated client under `dist`; returns how many files. */
export function requirePrismaRuntime(dist) {
  let rewritten = 0;
  for (const file of walk(path.join(dist, "store", "generated"))) {
    if (!file.endsWith(".js")) continue;
    const text = readFileSync(file, "utf8");
    if (!text.includes(RUNTIME_IMPORT)) continue;
    writeFileSync(file, text.replace(RUNTIME_IMPORT, RUNTIME_REQUIRE));
    rewritten++;
  }
  return rewritten;
}

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return; // not generated yet
  }
  for (const name of entries) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
