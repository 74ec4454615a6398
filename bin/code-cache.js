// A V8 code cache for the CommonJS modules a short command loads (Prisma's runtime, better-sqlite3,
// their helpers: ~300 KB of JavaScript compiled again by every process). Node 20 has no built-in
// compile cache (module.enableCompileCache is Node 22), so CommonJS compilation goes through
// vm.Script with cachedData: the bytecode of the functions a run compiled is written at exit to
// dist/.v8-cache/ and handed back to V8 by the next process, which then skips parsing and compiling
// them. A warm exec measured ~25-30 ms less CPU. ES modules are not covered (Node 20 offers no cache
// for them): that is why the short commands run the CommonJS build of our bundle (main.cjs).
//
// Each entry is keyed by a hash of Node's version, the file's path and its text, so an edited or
// upgraded module gets a new entry; V8 also refuses data made with other flags (then the entry is
// rewritten). The cache is an optimisation only: an unreadable or unwritable directory (an install
// owned by another user) or a rejected entry means compiling as before, never an error. The build
// (scripts/build.mjs) clears the directory.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import vm from "node:vm";

const CACHE_DIR = path.join(import.meta.dirname, "..", "dist", ".v8-cache");
// Below this the cache file's own read costs about what compiling saves.
const MIN_SOURCE_CHARS = 4096;

/** Compiles CommonJS modules through the cache from now on. `dir`: where entries live (tests). */
export function installCodeCache(dir = CACHE_DIR) {
  const toWrite = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    // A hashbang is legal only at the very start of a script, not inside the wrapper.
    if (content.length < MIN_SOURCE_CHARS || content.startsWith("#!"))
      return compile.call(this, content, filename);
    const source = withImportsRouted(content);
    if (source === undefined) return compile.call(this, content, filename); // see IMPORT_BUILTIN
    const file = path.join(dir, `${cacheKey(content, filename)}.bin`);
    const cachedData = readIfPresent(file);
    const script = new vm.Script(`${WRAPPER_HEAD}${source}${WRAPPER_TAIL}`, { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true });
    const dirname = path.dirname(filename);
    const routed = source === content ? undefined : importerFor(filename);
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname, routed);
  };
  // At exit, not at compile time: the data then includes every function the run compiled.
  process.once("exit", () => {
    if (toWrite.length === 0) return;
    try {
      mkdirSync(dir, { recursive: true });
      for (const { script, file } of toWrite) {
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, file); // concurrent processes: each entry appears whole or not at all
      }
    } catch {
      // Not writable (or full): the next run compiles as this one did.
    }
  });
}

// import() in a script compiled from cached data fails in Node 20 ("A dynamic import callback was
// not specified": the deserialised script loses its host options, nodejs/node#43663 and kin; the
// importModuleDynamically option of vm.Script does not survive it either), so the cached script
// must not run import() itself. Its calls are routed to a function passed in beside `require`, named
// with as many characters as `import` so every line and column stays where it was. That function is
// a one-line script compiled for the module, never cached, with the module's file name and Node's
// own ESM loader (vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER, Node 20.12+): a specifier resolves
// exactly as from the module itself, relative path or package. Only calls with a literal specifier
// are routed (`import("…")`, the form bundlers and compilers emit; the same text inside a string
// literal would be rewritten too: none in what a short command loads); a module with any other
// import(), `import(name)`, is compiled by Node as usual. Without the
// constant (older Node) only Node built-ins are routed: they need no resolution relative to the module.
const IMPORT_BUILTIN = "$sbImp";
const WRAPPER_HEAD = `(function (exports, require, module, __filename, __dirname, ${IMPORT_BUILTIN}) { `;
const WRAPPER_TAIL = "\n});";
const MAIN_CONTEXT_LOADER = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
if (MAIN_CONTEXT_LOADER !== undefined) silenceExperimentalWarning();

const importBuiltin = (specifier) => import(specifier);

function importerFor(filename) {
  if (MAIN_CONTEXT_LOADER === undefined) return importBuiltin;
  let run;
  return (specifier, options) => {
    run ??= new vm.Script("(specifier, options) => import(specifier, options)", {
      filename,
      importModuleDynamically: MAIN_CONTEXT_LOADER,
    }).runInThisContext();
    return run(specifier, options);
  };
}

// Found with indexOf, not a regular expression: V8 interprets a regular expression the first time
// it runs, and this one would run once over 200 KB (2.6 ms in a profile).
const ROUTED_SPECIFIER = MAIN_CONTEXT_LOADER === undefined ? /^\(\s*["'`]node:/ : /^\(\s*["'`]/;
const IDENTIFIER_CHAR = /[\w$.]/;

/** `content` with its import() calls routed, or undefined if one of them cannot be. */
function withImportsRouted(content) {
  let out = "";
  let from = 0;
  for (let at = content.indexOf("import("); at !== -1; at = content.indexOf("import(", at + 7)) {
    if (at > 0 && IDENTIFIER_CHAR.test(content[at - 1])) continue; // foo.import(, init_import(
    if (!ROUTED_SPECIFIER.test(content.slice(at + 6, at + 32))) return undefined;
    out += `${content.slice(from, at)}${IMPORT_BUILTIN}`;
    from = at + 6;
  }
  return from === 0 ? content : out + content.slice(from);
}

function cacheKey(content, filename) {
  return createHash("sha1")
    .update(`${IMPORT_BUILTIN}\0${process.version}\0${process.arch}\0${filename}\0`)
    .update(content)
    .digest("hex");
}

function readIfPresent(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The `require` a CommonJS module sees, as Node's own loader builds it. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

// Using the constant makes Node print "vm.USE_MAIN_CONTEXT_DEFAULT_LOADER is an experimental feature"
// on stderr once: not the user's concern (the cache is our internal detail), so exactly that warning
// is dropped; every other warning is emitted as before.
const OUR_WARNING = "vm.USE_MAIN_CONTEXT_DEFAULT_LOADER is an experimental feature";

function silenceExperimentalWarning() {
  const emitWarning = process.emitWarning;
  process.emitWarning = function emitWarningExceptOurs(warning, ...rest) {
    const text = typeof warning === "string" ? warning : warning?.message;
    if (typeof text !== "string" || !text.startsWith(OUR_WARNING))
      return emitWarning.call(this, warning, ...rest);
    // Node warns once per process: from now on nothing is filtered.
    if (process.emitWarning === emitWarningExceptOurs) process.emitWarning = emitWarning;
  };
}
