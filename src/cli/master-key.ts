import path from "node:path";
import type { Config } from "../config.js";
import { parseMasterKey } from "../store/cipher.js";
import { ensureKeyFile } from "../store/key-file.js";

/** The configured key, or (local use only) one generated once into a 0600 file. */
export function loadMasterKey(config: Config, notes: string[]): Buffer {
  if (config.masterKey) return parseMasterKey(config.masterKey);
  const { key, created } = ensureKeyFile(config.masterKeyFile);
  if (created) {
    notes.push(
      `Generated a master key for local use in ${path.relative(process.cwd(), config.masterKeyFile) || config.masterKeyFile} (mode 0600). In production set SWITCHBOARD_MASTER_KEY instead.`,
    );
  }
  return key;
}
