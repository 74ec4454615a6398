/**
 * A local master-key file for development and the shell: generated once (32 random bytes, base64,
 * mode 0600) and reused. Production sets SWITCHBOARD_MASTER_KEY instead. Synchronous because it runs
 * once at start-up, before anything else can use the key.
 */
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../core/kernel/errors.js";
import { parseMasterKey } from "./cipher.js";

export function ensureKeyFile(filePath: string): { key: Buffer; created: boolean } {
  const existing = readKeyFile(filePath);
  if (existing) return { key: existing, created: false };

  mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  // Write a private temp file, then link() it into place: the link either creates the key file with
  // its full content or fails with EEXIST, so two processes starting together never see a half-written
  // key and never overwrite each other's (the loser reads the winner's).
  const temp = `${filePath}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const winner = readKeyFile(filePath);
    if (winner) return { key: winner, created: false };
    throw error;
  } finally {
    unlinkSync(temp);
  }
  return { key, created: true };
}

function readKeyFile(filePath: string): Buffer | null {
  let mode: number;
  try {
    mode = statSync(filePath).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  // Unix permission bits only mean something off Windows.
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, "0");
    throw new AppError(
      "config",
      `The master key file ${filePath} is readable by other users (mode ${octal}).`,
      {
        hint: `Restrict it to its owner: chmod 600 ${filePath}`,
      },
    );
  }
  try {
    return parseMasterKey(readFileSync(filePath, "utf8"));
  } catch (error) {
    throw new AppError("config", `The master key file ${filePath} does not hold a valid key.`, {
      hint: "Restore the file from backup; deleting it makes every stored org secret unreadable.",
      cause: error,
    });
  }
}
