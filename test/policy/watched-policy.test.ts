import { mkdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type Policy, resolveRule } from "../../src/core/policy/policy.js";
import { PolicyError } from "../../src/core/policy/policy-error.js";
import {
  type WatchedPolicy,
  type WatchPolicyOptions,
  watchPolicyFile,
} from "../../src/policy/watched-policy.js";
import { useTempDir } from "../support/temp-dir.js";

// File-system events can be slow on loaded CI machines; waits end as soon as the event arrives.
const WAIT = 10_000;

type Level = "info" | "warn" | "error";
interface LogEntry {
  level: Level;
  fields: object;
  message?: string;
}

/** A logger that records entries and lets a test wait for the next one at a level. */
function recordingLogger() {
  const entries: LogEntry[] = [];
  const waiting: { level: Level; resolve: (e: LogEntry) => void }[] = [];
  const log = (level: Level) => (fields: object, message?: string) => {
    const entry = { level, fields, message };
    entries.push(entry);
    const i = waiting.findIndex((w) => w.level === level);
    if (i !== -1) waiting.splice(i, 1)[0]?.resolve(entry);
  };
  return {
    entries,
    logger: { info: log("info"), warn: log("warn"), error: log("error") },
    /** Call before causing the event, then await. */
    next: (level: Level) => new Promise<LogEntry>((resolve) => waiting.push({ level, resolve })),
  };
}

/** onReload as a queue of promises: `const p = reloads.next(); change(); await p`. */
function reloadQueue() {
  const waiting: ((p: Policy) => void)[] = [];
  const seen: Policy[] = [];
  return {
    seen,
    onReload: (p: Policy) => {
      seen.push(p);
      waiting.shift()?.(p);
    },
    next: () => new Promise<Policy>((resolve) => waiting.push(resolve)),
  };
}

const policyText = (approvers: number) => `orgs:\n  acme:\n    resume: { approvers: ${approvers} }\n`;
const approversOf = (p: Policy) => resolveRule(p, "acme", "resume", { bulk: false }).approvers;

describe("watchPolicyFile", () => {
  const tmp = useTempDir();
  const open: WatchedPolicy[] = [];
  let n = 0;

  afterEach(() => {
    for (const w of open.splice(0)) w.close();
  });

  /** A policy file alone in its own directory, so tests do not see each other's events. */
  function policyFile(text: string | null): string {
    const dir = tmp.file(`case-${++n}`);
    mkdirSync(dir);
    const file = path.join(dir, "switchboard.policy.yml");
    if (text !== null) writeFileSync(file, text);
    return file;
  }

  function watchFile(file: string, options: WatchPolicyOptions): WatchedPolicy {
    const w = watchPolicyFile(file, options);
    open.push(w);
    return w;
  }

  it("starts from the file and reloads when it changes", { timeout: WAIT }, async () => {
    const file = policyFile(policyText(2));
    const log = recordingLogger();
    const reloads = reloadQueue();
    const watched = watchFile(file, { logger: log.logger, onReload: reloads.onReload });
    expect(approversOf(watched.current())).toBe(2);
    expect(watched.describe()).toBe(file);

    const reloaded = reloads.next();
    writeFileSync(file, policyText(3));
    const policy = await reloaded;

    expect(approversOf(policy)).toBe(3);
    expect(watched.current()).toBe(policy);
    expect(log.entries).toContainEqual({
      level: "info",
      fields: { policyFile: file, orgs: ["acme"] },
      message: "policy reloaded",
    });
  });

  it("keeps the last good policy when an edit is invalid, and logs why", { timeout: WAIT }, async () => {
    const file = policyFile(policyText(2));
    const log = recordingLogger();
    const reloads = reloadQueue();
    const watched = watchFile(file, { logger: log.logger, onReload: reloads.onReload });

    const logged = log.next("error");
    writeFileSync(file, "orgs:\n  acme:\n    resume: { approvers: 0 }\n");
    const entry = await logged;

    expect(approversOf(watched.current())).toBe(2);
    expect(entry.message).toContain(`${file}:3:26: orgs.acme.resume.approvers: must be at least 1`);
    expect(entry.message).toContain("Keeping the last good policy.");
    expect(entry.fields).toMatchObject({ policyFile: file, issues: [{ line: 3, column: 26 }] });
    expect(watched.describe()).toContain("latest edit rejected with 1 problem");
    expect(reloads.seen).toEqual([]);

    // Fixing the file brings it back.
    const reloaded = reloads.next();
    writeFileSync(file, policyText(4));
    expect(approversOf(await reloaded)).toBe(4);
    expect(watched.describe()).toBe(file);
  });

  it("follows a file replaced by rename, as editors and deploy tools do", { timeout: WAIT }, async () => {
    const file = policyFile(policyText(2));
    const reloads = reloadQueue();
    const watched = watchFile(file, { logger: recordingLogger().logger, onReload: reloads.onReload });

    for (const approvers of [3, 5]) {
      const reloaded = reloads.next();
      const temp = `${file}.tmp-${approvers}`;
      writeFileSync(temp, policyText(approvers));
      renameSync(temp, file);
      expect(approversOf(await reloaded)).toBe(approvers);
    }
    expect(approversOf(watched.current())).toBe(5);
  });

  it("keeps the last good policy while the file is gone, and picks it up again", {
    timeout: WAIT,
  }, async () => {
    const file = policyFile(policyText(2));
    const log = recordingLogger();
    const reloads = reloadQueue();
    const watched = watchFile(file, { logger: log.logger, onReload: reloads.onReload });

    const warned = log.next("warn");
    unlinkSync(file);
    expect((await warned).message).toContain("keeping the last good policy");
    expect(approversOf(watched.current())).toBe(2);
    expect(watched.describe()).toContain("file is gone");

    const reloaded = reloads.next();
    writeFileSync(file, policyText(3));
    expect(approversOf(await reloaded)).toBe(3);
  });

  it("stops watching after close()", { timeout: WAIT }, async () => {
    const file = policyFile(policyText(2));
    const closedReloads = reloadQueue();
    const closed = watchPolicyFile(file, {
      logger: recordingLogger().logger,
      onReload: closedReloads.onReload,
      debounceMs: 0,
    });
    closed.close();

    // A second watcher on the same file proves the change was seen; the closed one, whose debounce is
    // shorter, would have reloaded first.
    const sentinelReloads = reloadQueue();
    const sentinel = watchFile(file, {
      logger: recordingLogger().logger,
      onReload: sentinelReloads.onReload,
    });
    const reloaded = sentinelReloads.next();
    writeFileSync(file, policyText(3));
    await reloaded;

    expect(approversOf(sentinel.current())).toBe(3);
    expect(closedReloads.seen).toEqual([]);
    expect(approversOf(closed.current())).toBe(2);
  });

  it("refuses to start from an invalid file, naming line and reason", () => {
    const file = policyFile("orgs:\n  acme:\n    resume:\n      expires: soon\n");
    expect(() => watchPolicyFile(file, { logger: recordingLogger().logger })).toThrow(PolicyError);
    expect(() => watchPolicyFile(file, { logger: recordingLogger().logger })).toThrow(
      `${file}:4:16: orgs.acme.resume.expires: must be a duration`,
    );
  });

  it("refuses a missing file unless told to start from the defaults", { timeout: WAIT }, async () => {
    const file = policyFile(null);
    expect(() => watchPolicyFile(file, { logger: recordingLogger().logger })).toThrow(/file not found/);

    const reloads = reloadQueue();
    const watched = watchFile(file, {
      logger: recordingLogger().logger,
      onReload: reloads.onReload,
      allowMissing: true,
    });
    expect(watched.current()).toBe(DEFAULT_POLICY);
    expect(watched.describe()).toBe(`built-in defaults (${file} not found)`);

    const reloaded = reloads.next();
    writeFileSync(file, policyText(2));
    expect(approversOf(await reloaded)).toBe(2);
    expect(watched.describe()).toBe(file);
  });
});
