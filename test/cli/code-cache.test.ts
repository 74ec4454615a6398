/**
 * bin/code-cache.js: CommonJS modules compiled through a V8 code cache behave as without it — on the
 * run that fills the cache, on the run that uses it, and when an entry is damaged (V8 rejects it, the
 * module compiles from source and the entry is rewritten).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const CODE_CACHE = pathToFileURL(path.resolve(import.meta.dirname, "../../bin/code-cache.js")).href;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "sb-code-cache-"));
  // A CommonJS module large enough to be cached, using what Node's loader gives a module.
  const padding = `// ${"x".repeat(5000)}\n`;
  writeFileSync(path.join(dir, "helper.cjs"), "module.exports = (n) => n * 2;\n");
  writeFileSync(path.join(dir, "answer.mjs"), "export const answer = 42;\n");
  // An ES module package, found from the importing module's folder (not from bin/).
  mkdirSync(path.join(dir, "node_modules", "six"), { recursive: true });
  writeFileSync(
    path.join(dir, "node_modules", "six", "package.json"),
    '{ "name": "six", "type": "module", "exports": "./index.js" }\n',
  );
  writeFileSync(path.join(dir, "node_modules", "six", "index.js"), "export default 6;\n");
  // import() of a relative file and of a package: cached too, from a second process as well.
  writeFileSync(
    path.join(dir, "dynamic.cjs"),
    `${padding}exports.answer = async () => (await import("./answer.mjs")).answer + (await import('six')).default;\n`,
  );
  // import() of a computed specifier: left to Node's own compiler.
  writeFileSync(
    path.join(dir, "computed.cjs"),
    `${padding}exports.answer = (name) => import(name).then((m) => m.answer);\n`,
  );
  writeFileSync(
    path.join(dir, "big.cjs"),
    `${padding}"use strict";
const path = require("node:path");
const double = require("./helper.cjs");
exports.report = () => ({
  double: double(21),
  dirname: path.basename(__dirname) === path.basename(${JSON.stringify(dir)}),
  filename: path.basename(__filename),
  resolved: path.basename(require.resolve("./helper.cjs")),
  cached: require.cache[__filename] === module,
  later: import("node:os").then((os) => typeof os.cpus),
  dynamic: require("./dynamic.cjs").answer(),
  computed: require("./computed.cjs").answer(require("node:url").pathToFileURL(require.resolve("./answer.mjs")).href),
});
`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(cacheDir: string) {
  const script = `
    const { installCodeCache } = await import(${JSON.stringify(CODE_CACHE)});
    installCodeCache(${JSON.stringify(cacheDir)});
    const { createRequire } = await import("node:module");
    const report = createRequire(${JSON.stringify(path.join(dir, "x.js"))})("./big.cjs").report();
    report.later = await report.later;
    report.dynamic = await report.dynamic;
    report.computed = await report.computed;
    console.log(JSON.stringify(report));
  `;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

const EXPECTED = {
  double: 42,
  dirname: true,
  filename: "big.cjs",
  resolved: "helper.cjs",
  cached: true,
  later: "function",
  dynamic: 48,
  computed: 42,
};

describe("the CommonJS code cache", () => {
  it("fills the cache on the first run and uses it on the next, with the same behaviour", () => {
    const cache = path.join(dir, "cache");
    expect(run(cache)).toEqual(EXPECTED);
    const entries = readdirSync(cache);
    // big.cjs and dynamic.cjs: helper.cjs is too small to be worth an entry, computed.cjs imports
    // a specifier only known at run time
    expect(entries).toHaveLength(2);
    expect(run(cache)).toEqual(EXPECTED);
    expect(readdirSync(cache)).toEqual(entries);
  });

  it("compiles from source and rewrites an entry V8 rejects", () => {
    const cache = path.join(dir, "cache");
    run(cache);
    const entries = readdirSync(cache);
    for (const entry of entries) writeFileSync(path.join(cache, entry), "not V8 code cache data");
    expect(run(cache)).toEqual(EXPECTED);
    for (const entry of entries)
      expect(readFileSync(path.join(cache, entry), "utf8")).not.toBe("not V8 code cache data");
  });

  it("still runs when the cache cannot be written", () => {
    const blocked = path.join(dir, "a-file");
    writeFileSync(blocked, "");
    expect(run(path.join(blocked, "cache"))).toEqual(EXPECTED);
  });
});
