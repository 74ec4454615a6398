import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadFixtureCached } from "../../src/cli/fixture-cache.js";
import { demoFixture, demoFixturePath } from "../../src/genesys-sim/index.js";

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-fixture-cache-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadFixtureCached", () => {
  it("gives what parsing gives, from the cache on the second read", async () => {
    const cache = path.join(scratch(), "ws", "fixture-cache.json");
    expect(await loadFixtureCached(demoFixturePath, cache)).toEqual(demoFixture());
    expect(JSON.parse(readFileSync(cache, "utf8")).fixture).toEqual(demoFixture());
    expect(await loadFixtureCached(demoFixturePath, cache)).toEqual(demoFixture());
  });

  it("parses again when the file changes, and when the cache is torn", async () => {
    const dir = scratch();
    const file = path.join(dir, "f.yml");
    const cache = path.join(dir, "fixture-cache.json");
    const yaml = readFileSync(demoFixturePath, "utf8");
    writeFileSync(file, yaml);
    const first = await loadFixtureCached(file, cache);
    writeFileSync(file, yaml.replace("name: Acme Corp", "name: Acme Renamed"));
    const second = await loadFixtureCached(file, cache);
    expect(first.orgs[0]?.name).not.toBe("Acme Renamed");
    expect(second.orgs[0]?.name).toBe("Acme Renamed");
    writeFileSync(cache, '{"key":');
    expect((await loadFixtureCached(file, cache)).orgs[0]?.name).toBe("Acme Renamed");
  });

  it("reports a broken fixture as the parser does, and caches nothing", async () => {
    const dir = scratch();
    const file = path.join(dir, "bad.yml");
    writeFileSync(file, "orgs: [");
    await expect(loadFixtureCached(file, path.join(dir, "c.json"))).rejects.toThrow(/YAML syntax error/);
    await expect(loadFixtureCached(path.join(dir, "missing.yml"), path.join(dir, "c.json"))).rejects.toThrow(
      /cannot read file/,
    );
  });
});
