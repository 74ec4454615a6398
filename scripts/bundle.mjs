// Bundles the compiled CLI (dist/cli/main.js and everything it imports from dist/) into
// dist/bundle/ with esbuild: one file per lazily imported part instead of ~250 app modules, each of
// which Node resolves, reads and links at every start (~100 ms of a one-shot `exec`). Packages in
// node_modules stay external (their own files, native addons and wasm are loaded as they expect),
// except zod: pure ESM, ~95 files at every start, and tree-shaken to what the schemas use.
// Modules that find files next to themselves through import.meta.url stay the compiled copies in
// dist/, so their paths still point where the files are.
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const BUNDLED_PACKAGES = new Set(["zod"]);

// zod re-exports every translation of its error messages (`z.locales`, ~370 KB of the ~750 KB it
// bundles to) and uses only English unless told otherwise; we never configure another. A namespace
// re-export defeats tree-shaking, so its locales index is replaced by one that exports `en` alone:
// half the JavaScript V8 parses at every start.
const ZOD_LOCALES_INDEX = /[/\\]zod[/\\]v4[/\\]locales[/\\]index\.js$/;

// `import { z } from "zod"` takes zod's namespace object, every schema type with it: esbuild cannot
// see which members are used. As `import * as z`, each `z.object(…)` is a use of one export, and the
// rest (zod is marked side-effect free) is left out. Our compiled files only (dist/, not packages).
const ZOD_USER = /[/\\]dist[/\\].*\.js$/;
const ZOD_NAMESPACE_IMPORT = 'import { z } from "zod";';

const KEEP_IN_PLACE = [
  /[/\\]store[/\\]generated[/\\]/, // the Prisma clients: generated code, their own runtime files
  /[/\\]genesys-sim[/\\]demo-fixture-path\.js$/, // ./demo-fixture.yml
  /[/\\]store[/\\]schema-engine[/\\]migrations-dir\.js$/, // prisma/ at the project root
];

/** dist/cli/main.js → dist/bundle/main.js (+ chunks). `dist` must hold the compiled output. */
export async function bundleCli(dist) {
  const outdir = path.join(dist, "bundle");
  rmSync(outdir, { recursive: true, force: true }); // chunks of earlier builds (their names are hashes)
  await build({
    entryPoints: [path.join(dist, "cli", "main.js")],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    plugins: [ownFiles((text) => text), ...commonPlugins(outdir)],
  });
  await bundleCommonJs(dist, outdir);
}

/**
 * dist/cli/main.js → dist/bundle/main.cjs, one CommonJS file: what bin/switchboard.js runs for the
 * short commands. Node 20 has no code cache for ES modules, so every process compiled the ESM
 * bundle's ~600 KB again, and lazily every function it called. Loaded with require(), the file goes
 * through bin/code-cache.js like the packages' CommonJS. esbuild cannot split CommonJS: our lazily
 * imported modules are inlined, each behind an initialiser that runs at its import() (a process
 * still runs only the modules its command needs). Packages stay external (require(), or import()
 * where the code has one; bin/code-cache.js routes those). ES modules have no import.meta here: each file's is rebuilt from where the file was
 * compiled (dist/…), the location its code was written for. The modules kept in place for their
 * import.meta.url are small, so they are bundled too, with their own location.
 */
async function bundleCommonJs(dist, outdir) {
  const outfile = path.join(outdir, "main.cjs");
  const generated = KEEP_IN_PLACE[0];
  await build({
    entryPoints: [path.join(dist, "cli", "main.js")],
    outfile,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    banner: { js: IMPORT_META_HELPERS },
    plugins: [
      ownFiles((text, file) => withImportMetaOf(text, path.relative(outdir, file))),
      ...commonPlugins(outdir, (full) => generated.test(full)),
    ],
  });
}

// Named so that no bundled module's own identifiers can clash with them.
const IMPORT_META_HELPERS = [
  'const __sbImportMetaUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;',
  'const __sbImportMetaDirname = (rel) => require("node:path").dirname(require("node:path").join(__dirname, rel));',
].join("\n");

function withImportMetaOf(text, relFromBundle) {
  if (!text.includes("import.meta")) return text;
  const rel = JSON.stringify(relFromBundle.split(path.sep).join("/"));
  const out = text
    .replaceAll("import.meta.url", `__sbImportMetaUrl(${rel})`)
    .replaceAll("import.meta.dirname", `__sbImportMetaDirname(${rel})`);
  // Anything else (import.meta.filename, import.meta.resolve) would silently be undefined.
  if (out.includes("import.meta")) throw new Error(`unhandled import.meta in ${relFromBundle}`);
  return out;
}

/** Our compiled files (not packages): zod's named import made a namespace import, then `transform`. */
function ownFiles(transform) {
  return {
    name: "own-files",
    setup(b) {
      b.onLoad({ filter: ZOD_USER }, async (args) => {
        if (/[/\\]node_modules[/\\]/.test(args.path)) return undefined;
        const text = await readFile(args.path, "utf8");
        const named = text.replaceAll(ZOD_NAMESPACE_IMPORT, 'import * as z from "zod";');
        const contents = transform(named, args.path);
        return contents === text
          ? undefined
          : { contents, loader: "js", resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/** `keepInPlace`: which of the KEEP_IN_PLACE files stay external (default: all). */
function commonPlugins(outdir, keepInPlace = () => true) {
  return [
    {
      name: "zod-english-only",
      setup(b) {
        b.onResolve({ filter: /locales[/\\]index\.js$/ }, (args) => {
          const full = path.resolve(args.resolveDir, args.path);
          return ZOD_LOCALES_INDEX.test(full) ? { path: full, namespace: "zod-locales" } : undefined;
        });
        b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
          contents: 'export { default as en } from "./en.js";\n',
          resolveDir: path.dirname(args.path),
        }));
      },
    },
    {
      name: "external-packages",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          const name = args.path.startsWith("@")
            ? args.path.split("/").slice(0, 2).join("/")
            : args.path.split("/")[0];
          return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
        });
      },
    },
    {
      name: "keep-in-place",
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => {
          const full = path.resolve(args.resolveDir, args.path);
          if (!KEEP_IN_PLACE.some((re) => re.test(full)) || !keepInPlace(full)) return undefined;
          const rel = path.relative(outdir, full).split(path.sep).join("/");
          return { path: rel.startsWith(".") ? rel : `./${rel}`, external: true };
        });
      },
    },
  ];
}
