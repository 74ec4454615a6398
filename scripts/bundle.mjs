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
    plugins: [
      {
        name: "zod-named-imports",
        setup(b) {
          b.onLoad({ filter: ZOD_USER }, async (args) => {
            if (/[/\\]node_modules[/\\]/.test(args.path)) return undefined;
            const text = await readFile(args.path, "utf8");
            if (!text.includes(ZOD_NAMESPACE_IMPORT)) return undefined;
            return {
              contents: text.replaceAll(ZOD_NAMESPACE_IMPORT, 'import * as z from "zod";'),
              loader: "js",
            };
          });
        },
      },
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
            if (!KEEP_IN_PLACE.some((re) => re.test(full))) return undefined;
            const rel = path.relative(outdir, full).split(path.sep).join("/");
            return { path: rel.startsWith(".") ? rel : `./${rel}`, external: true };
          });
        },
      },
    ],
  });
}
