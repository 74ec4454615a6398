import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/kernel/errors.js";
import { parseMasterKey } from "../../src/store/cipher.js";
import { ensureKeyFile } from "../../src/store/key-file.js";
import { useTempDir } from "../support/temp-dir.js";

describe("master key file", () => {
  const tmp = useTempDir();

  it("creates a 32-byte key with mode 0600 once, in a new directory, then reuses it", () => {
    const file = tmp.file("nested", "dir", "master.key");
    const first = ensureKeyFile(file);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(readFileSync(file, "utf8"))).toEqual(first.key);
    const second = ensureKeyFile(file);
    expect(second).toEqual({ key: first.key, created: false });
    expect(readdirSync(tmp.file("nested", "dir"))).toEqual(["master.key"]); // no temp files left
  });

  it("refuses a key file other users can read, and says how to fix it", () => {
    const file = tmp.file("shared.key");
    ensureKeyFile(file);
    chmodSync(file, 0o644);
    let error: unknown;
    try {
      ensureKeyFile(file);
    } catch (caught) {
      error = caught;
    }
    expect(isAppError(error) && error.code).toBe("config");
    expect(isAppError(error) && error.message).toContain("0644");
    expect(isAppError(error) && error.hint).toBe(`Restrict it to its owner: chmod 600 ${file}`);
  });

  it("refuses a key file that does not hold a key", () => {
    const file = tmp.file("garbage.key");
    writeFileSync(file, "not a key\n", { mode: 0o600 });
    expect(() => ensureKeyFile(file)).toThrow(/does not hold a valid key/);
  });
});
