/**
 * A policy file that applies its edits without a restart. A bad file at start-up refuses to start
 * (PolicyError with line and reason); a bad edit later is logged and ignored, keeping the last good
 * policy, because a typo must not silently drop approvals on a running bot.
 */
import { type FSWatcher, watch } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../core/kernel/logger.js";
import { DEFAULT_POLICY, type Policy } from "../core/policy/policy.js";
import { PolicyError } from "../core/policy/policy-error.js";
import type { PolicySource } from "../core/policy/policy-source.js";
import { isNotFound, parsePolicy, readPolicyText, unreadable } from "./policy-file.js";

export interface WatchPolicyOptions {
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Called after each successful reload (not for the initial load). */
  onReload?: (policy: Policy) => void;
  /**
   * When the file does not exist at start: false (default) throws PolicyError; true starts from
   * DEFAULT_POLICY and picks the file up once it is created.
   */
  allowMissing?: boolean;
  /** Quiet time after the last file-system event before reading the file. Default 100 ms. */
  debounceMs?: number;
}

export interface WatchedPolicy extends PolicySource {
  /** Stops watching; `current()` keeps answering with the last good policy. */
  close(): void;
}

type FileState = "loaded" | "missing" | "rejected";

export function watchPolicyFile(file: string, options: WatchPolicyOptions): WatchedPolicy {
  const { logger, onReload, allowMissing = false, debounceMs = 100 } = options;
  const fields = { policyFile: file };

  // Watch the directory, not the file: editors and `mv` replace the file (a new inode a file watch
  // would never see), and Kubernetes ConfigMaps swap a symlink next to it. Every event in the
  // directory schedules a read; unchanged text is ignored, so unrelated events cost one small read.
  // Started before the first read so an edit made during start-up is not missed.
  let watcher: FSWatcher;
  try {
    watcher = watch(path.dirname(path.resolve(file)), { persistent: false }, () => schedule());
  } catch (e) {
    throw unreadable(file, e);
  }
  watcher.on("error", (e) => logger.error({ ...fields, err: String(e) }, "policy file watch failed"));

  let policy: Policy;
  let lastText: string | null;
  let state: FileState;
  let rejected: PolicyError | null = null;
  let loadedFromFile: boolean;
  try {
    lastText = readPolicyText(file);
    if (lastText === null && !allowMissing) {
      throw new PolicyError(file, [{ line: null, column: null, path: "", message: "file not found" }]);
    }
    policy = lastText === null ? DEFAULT_POLICY : parsePolicy(lastText, file);
    state = lastText === null ? "missing" : "loaded";
    loadedFromFile = lastText !== null;
  } catch (e) {
    watcher.close();
    throw e;
  }

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let rerun = false;

  function schedule(): void {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
    timer.unref();
  }

  function run(): void {
    timer = undefined;
    // One read at a time, so an older read can never overwrite the result of a newer one.
    if (running) {
      rerun = true;
      return;
    }
    running = true;
    reload().finally(() => {
      running = false;
      if (rerun) {
        rerun = false;
        schedule();
      }
    });
  }

  async function reload(): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if (closed) return;
      if (isNotFound(e)) {
        if (state !== "missing") logger.warn(fields, "policy file is gone; keeping the last good policy");
        state = "missing";
        lastText = null;
      } else {
        logger.error(
          { ...fields, err: String(e) },
          "cannot read the policy file; keeping the last good policy",
        );
      }
      return;
    }
    if (closed || text === lastText) return;
    lastText = text;
    let next: Policy;
    try {
      next = parsePolicy(text, file);
    } catch (e) {
      state = "rejected";
      rejected =
        e instanceof PolicyError
          ? e
          : new PolicyError(file, [{ line: null, column: null, path: "", message: String(e) }]);
      logger.error(
        { ...fields, issues: rejected.issues },
        `${rejected.message}\nKeeping the last good policy.`,
      );
      return;
    }
    policy = next;
    state = "loaded";
    loadedFromFile = true;
    rejected = null;
    logger.info({ ...fields, orgs: Object.keys(next.orgs) }, "policy reloaded");
    try {
      onReload?.(next);
    } catch (e) {
      logger.error({ ...fields, err: String(e) }, "policy onReload callback failed");
    }
  }

  return {
    current: () => policy,
    describe() {
      if (state === "rejected") {
        const count = rejected?.issues.length ?? 0;
        return `${file} (latest edit rejected with ${count} problem${count === 1 ? "" : "s"}; using the previous version)`;
      }
      if (state === "missing") {
        return loadedFromFile
          ? `${file} (file is gone; using the version loaded earlier)`
          : `built-in defaults (${file} not found)`;
      }
      return file;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
