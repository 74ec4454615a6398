/**
 * A workspace's fixture, parsed once and kept as JSON next to its database. Parsing means the yaml
 * module, the fixture's zod schema and its normalisation: ~60 ms of every one-shot `exec`, for a
 * file that rarely changes. The cache is keyed by the file's text and by the parser's own files
 * (their newest mtime), so an edited fixture or a rebuilt parser parses again.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Fixture } from "../genesys-sim/fixture.js";

interface CacheFile {
  key: string;
  fixture: Fixture;
}

/**
 * The newest mtime among the simulator's modules, the fixture parser among them: in dist/ when
 * compiled (bundled or not; the bundle keeps dist/'s compiled files), src/ under tsx.
 */
function parserStamp(): string {
  try {
    const dir = fileURLToPath(new URL("../genesys-sim/", import.meta.url));
    let newest = 0;
    for (const name of readdirSync(dir)) newest = Math.max(newest, statSync(path.join(dir, name)).mtimeMs);
    return String(newest);
  } catch {
    return "unknown";
  }
}

/** The fixture at `fixturePath` (parsed, or from `cacheFile` when its key matches), as loadFixtureFile. */
export async function loadFixtureCached(fixturePath: string, cacheFile: string): Promise<Fixture> {
  let text: string;
  try {
    text = readFileSync(fixturePath, "utf8");
  } catch {
    // Unreadable: the parser's loader reports it in its own words.
    return (await import("../genesys-sim/fixture.js")).loadFixtureFile(fixturePath);
  }
  const key = createHash("sha256").update(parserStamp()).update("\0").update(text).digest("hex");
  const cached = readCache(cacheFile);
  if (cached?.key === key) return cached.fixture;
  const { parseFixture } = await import("../genesys-sim/fixture.js");
  const fixture = parseFixture(text, fixturePath);
  writeCache(cacheFile, { key, fixture });
  return fixture;
}

function readCache(file: string): CacheFile | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as CacheFile;
  } catch {
    return undefined; // absent or torn: parse the fixture again
  }
}

function writeCache(file: string, content: CacheFile): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed: concurrent `exec` processes never read half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs the next process a parse.
  }
}
