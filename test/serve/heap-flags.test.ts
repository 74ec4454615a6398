/**
 * serve's V8 heap flags are set in bin/switchboard.js, which the memory benchmark's probe does not
 * run (it builds serve's app from dist/). The probe sets them itself; if the two drift apart, the
 * benchmark measures a process serve no longer is.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The heap-sizing flags a file passes to setFlagsFromString (not the CLI's compiler flags). */
function heapFlags(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(/setFlagsFromString\("(--[a-z-]+(?:=[^"]*)?)"\)/g)]
    .map((m) => m[1] ?? "")
    .filter((flag) => /heap|space|semi/.test(flag))
    .sort();
}

describe("serve's heap flags", () => {
  it("are set by bin for serve and by the memory probe alike", () => {
    const bin = heapFlags("bin/switchboard.js");
    expect(bin.length).toBeGreaterThan(0);
    expect(heapFlags("bench/memory-probe.mjs")).toEqual(bin);
  });
});
