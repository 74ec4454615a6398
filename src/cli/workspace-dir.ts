import { createHash } from "node:crypto";
import path from "node:path";

/** `.switchboard/demo`, or `.switchboard/fixture-<name>-<hash of its absolute path>`. */
export function workspaceDir(dataDir: string, fixturePath?: string): string {
  if (!fixturePath) return path.join(dataDir, "demo");
  const abs = path.resolve(fixturePath);
  const name = path
    .basename(abs)
    .replace(/\.[^.]+$/, "")
    .replace(/[^A-Za-z0-9_-]/g, "_")
    .slice(0, 40);
  const hash = createHash("sha256").update(abs).digest("hex").slice(0, 8);
  return path.join(dataDir, `fixture-${name}-${hash}`);
}
