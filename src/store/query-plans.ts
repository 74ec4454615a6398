/**
 * Query plans kept between processes. Prisma 7 turns each query shape into a plan with a
 * WebAssembly query compiler: every process instantiates that 1.6 MB module and compiles its first
 * query of each shape again, ~45-70 ms of a one-shot `exec` whose queries are the same every time
 * (measured: a warm exec's Prisma start and first queries 110 → 41 ms with the plans kept). Prisma
 * keeps plans per client in memory only.
 *
 * How: Prisma's client takes an internal `configOverride` through which the generated client's
 * compiler loader is replaced. The stand-in compiler answers from plans already made and loads the
 * real compiler (synchronously: `compile` is synchronous) only for a shape it has not seen. Plans
 * are keyed by the parameterized query Prisma hands the compiler (values are placeholders) and
 * kept per fingerprint of everything a plan depends on: Prisma's version and engine, the provider,
 * the schema and the connection's facts. Another fingerprint means another file's plans are ignored
 * and rewritten. A plan that would not read back identically from JSON is kept in memory only.
 *
 * Where: the directory given to keepQueryPlansIn(), one file per provider, written at process exit
 * (merged with what other processes wrote meanwhile; replaced atomically). It sits in Switchboard's
 * data directory (0700, files 0600) because a query shape may carry a literal the schema does not
 * parameterize. Any failure to read or write means compiling as Prisma would, never an error.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";

/** The generated client's loader for its query compiler (`config.compilerWasm`). */
interface CompilerLoader {
  getRuntime(): Promise<unknown>;
  getQueryCompilerWasmModule(): Promise<unknown>;
  importName: string;
}

/** The part of the generated client's config this reads. */
interface ClientConfig {
  clientVersion?: string;
  engineVersion?: string;
  activeProvider?: string;
  compilerWasm?: CompilerLoader;
}

interface CompilerOptions {
  datamodel: string;
  provider: string;
  connectionInfo: unknown;
}

interface QueryCompiler {
  compile(request: string): unknown;
  compileBatch(request: string): unknown;
  free(): void;
}

type CompilerClass = new (options: CompilerOptions) => QueryCompiler;

/** What a wasm-bindgen runtime module exposes to Prisma's loader. */
interface CompilerRuntime {
  __wbg_set_wasm(exports: unknown): void;
  QueryCompiler: CompilerClass;
}

/** Plans of one fingerprint: in memory for the process, and what is new since the file was read. */
interface PlanBook {
  fingerprint: string;
  provider: string;
  plans: Map<string, unknown>;
  fresh: Map<string, unknown>;
}

/** The WebAssembly API (the TypeScript lib this project compiles with declares no values for it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const FILE_VERSION = 1;
const books = new Map<string, PlanBook>();
let directory: string | undefined;
let flushOnExit = false;
/** How this process got its plans (what the tests check). */
const counts = { kept: 0, compiled: 0 };

/** Plans this process took from those kept, and plans it had Prisma's compiler make. */
export function queryPlanCounts(): { kept: number; compiled: number } {
  return { ...counts };
}

/**
 * Where plans are kept between processes (process-wide: the first directory given wins). Without
 * it, plans are still shared by every Prisma client in this process.
 */
export function keepQueryPlansIn(dir: string): void {
  directory ??= dir;
}

/** The PrismaClient constructor option that routes the client's query compiler through the plans. */
export function queryPlanOption(): { configOverride(config: ClientConfig): ClientConfig } {
  return {
    configOverride(config) {
      const loader = config.compilerWasm;
      const provider = config.activeProvider;
      if (loader === undefined || provider === undefined) return config;
      const real = realCompilerLoader(loader.importName, provider);
      if (real === undefined) return config; // a layout this does not know: Prisma's own loader
      const version = `${config.clientVersion ?? "?"}/${config.engineVersion ?? "?"}/${provider}`;
      return { ...config, compilerWasm: standInLoader(loader.importName, version, real) };
    },
  };
}

/**
 * Loads Prisma's real compiler synchronously from the CommonJS twins of the modules the generated
 * client imports asynchronously: the wasm-bindgen glue and the wasm (base64). Undefined when they
 * are not where this expects them.
 */
function realCompilerLoader(importName: string, provider: string): (() => CompilerClass) | undefined {
  const base = /^\.\/(query_compiler_[\w]+_bg)\.js$/.exec(importName)?.[1];
  if (base === undefined) return undefined;
  const require = createRequire(import.meta.url);
  const glue = `@prisma/client/runtime/${base}.${provider}.js`;
  const wasm = `@prisma/client/runtime/${base}.${provider}.wasm-base64.js`;
  try {
    require.resolve(glue);
    require.resolve(wasm);
  } catch {
    return undefined;
  }
  let loaded: CompilerClass | undefined;
  return () => {
    if (loaded) return loaded;
    const runtime = require(glue) as CompilerRuntime;
    const bytes = Buffer.from((require(wasm) as { wasm: string }).wasm, "base64");
    const instance = new Wasm.Instance(new Wasm.Module(bytes), { [importName]: runtime });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    loaded = runtime.QueryCompiler;
    return loaded;
  };
}

/**
 * A wasm module with nothing but an empty exported `__wbindgen_start`: what Prisma's loader
 * instantiates in place of the 1.6 MB compiler (it starts whatever module the loader returns).
 */
const EMPTY_START_MODULE = Buffer.concat([
  Buffer.from("0061736d01000000", "hex"), // magic, version 1
  Buffer.from("010401600000", "hex"), // type section: one type, () -> ()
  Buffer.from("03020100", "hex"), // function section: one function, of type 0
  Buffer.from("07140110", "hex"), // export section: one export, a 16-byte name…
  Buffer.from("__wbindgen_start"),
  Buffer.from("0000", "hex"), // …of function 0
  Buffer.from("0a040102000b", "hex"), // code section: the body is `end`
]);

function standInLoader(importName: string, version: string, real: () => CompilerClass): CompilerLoader {
  class PlanKeepingCompiler implements QueryCompiler {
    readonly #options: CompilerOptions;
    readonly #book: PlanBook;
    #compiler: QueryCompiler | undefined;

    constructor(options: CompilerOptions) {
      this.#options = options;
      this.#book = bookFor(version, options);
    }

    compile(request: string): unknown {
      return this.#plan(`s${request}`, (c) => c.compile(request));
    }

    compileBatch(request: string): unknown {
      return this.#plan(`b${request}`, (c) => c.compileBatch(request));
    }

    free(): void {
      this.#compiler?.free();
      this.#compiler = undefined;
    }

    #plan(key: string, make: (compiler: QueryCompiler) => unknown): unknown {
      const kept = this.#book.plans.get(key);
      if (kept !== undefined) {
        counts.kept++;
        return structuredClone(kept);
      }
      counts.compiled++;
      this.#compiler ??= new (real())(this.#options);
      const plan = make(this.#compiler);
      // The copy read back from JSON is what is kept: it is what the next process will read too.
      const copy: unknown = JSON.parse(JSON.stringify(plan));
      if (isDeepStrictEqual(copy, plan)) {
        this.#book.plans.set(key, copy);
        this.#book.fresh.set(key, plan);
        if (!flushOnExit) {
          flushOnExit = true;
          process.once("exit", flushAll);
        }
      }
      return plan;
    }
  }
  return {
    importName,
    getRuntime: async (): Promise<CompilerRuntime> => ({
      __wbg_set_wasm: () => {},
      QueryCompiler: PlanKeepingCompiler,
    }),
    getQueryCompilerWasmModule: async () => new Wasm.Module(EMPTY_START_MODULE),
  };
}

function bookFor(version: string, options: CompilerOptions): PlanBook {
  const fingerprint = createHash("sha256")
    .update(
      JSON.stringify([FILE_VERSION, version, options.provider, options.datamodel, options.connectionInfo]),
    )
    .digest("base64url");
  let book = books.get(fingerprint);
  if (book === undefined) {
    book = {
      fingerprint,
      provider: options.provider,
      plans: readPlans(fingerprint, options.provider),
      fresh: new Map(),
    };
    books.set(fingerprint, book);
  }
  return book;
}

interface PlanFile {
  fingerprint: string;
  plans: Record<string, unknown>;
}

function planFile(provider: string): string | undefined {
  return directory === undefined ? undefined : path.join(directory, `${provider.replace(/\W/g, "")}.json`);
}

function readPlans(fingerprint: string, provider: string): Map<string, unknown> {
  const file = planFile(provider);
  if (file === undefined) return new Map();
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as PlanFile;
    if (parsed.fingerprint !== fingerprint || typeof parsed.plans !== "object") return new Map();
    return new Map(Object.entries(parsed.plans));
  } catch {
    return new Map();
  }
}

/** Writes each book's new plans, merged with what the file holds now (another process may have added some). */
function flushAll(): void {
  for (const book of books.values()) {
    const file = planFile(book.provider);
    if (file === undefined || book.fresh.size === 0) continue;
    try {
      const merged = readPlans(book.fingerprint, book.provider);
      for (const [key, plan] of book.fresh) merged.set(key, plan);
      makeDirectory(path.dirname(file));
      const body: PlanFile = { fingerprint: book.fingerprint, plans: Object.fromEntries(merged) };
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(body), { mode: 0o600 });
      renameSync(temp, file);
      book.fresh.clear();
    } catch {
      // An optimisation only: the next process compiles these plans again.
    }
  }
}

/** The plans' directory, owner-only; its parent (the data directory) must exist already. */
function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
