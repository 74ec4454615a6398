/**
 * Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm): the part of
 * `prisma migrate` that plans and applies migrations, without the native binary the CLI would
 * download. Loaded lazily and once per process: it is 5 MB of wasm, and the CLI's fast start-up path
 * (ensureMigrated) must not pay for it when the database is already up to date.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

/** The wasm-bindgen glue module: the engine's JS API (SchemaEngine, version, …). */
export type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

/** The slice of the WebAssembly global used here (tsconfig's lib has no DOM/wasm value types). */
interface WebAssemblyApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

const require = createRequire(import.meta.url);
let loading: Promise<SchemaEngineModule> | undefined;

export function loadSchemaEngine(): Promise<SchemaEngineModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined; // a failed load (e.g. a missing file) may succeed after a reinstall
    throw error;
  });
  return loading;
}

/**
 * The package's own entry point does `import * as wasm from "./schema_engine_bg.wasm"` (ESM wasm
 * integration), which Node 20 cannot load. So instantiate the .wasm ourselves against the JS glue
 * and hand the instance to the glue, exactly as that entry point would.
 */
async function instantiate(): Promise<SchemaEngineModule> {
  const glue: SchemaEngineModule = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start !== "function") throw new Error("@prisma/schema-engine-wasm: __wbindgen_start is missing");
  start();
  return glue;
}
