/**
 * Writes signed checkpoints of the audit chain's head where someone who can rewrite the database
 * cannot also rewrite them: appended to a file (mode 0600) outside the database, into the service log,
 * and, when configured, posted to a chat channel. `switchboard audit verify --anchor <file>` then
 * detects rows cut from the end, a log rewritten up to a checkpoint, or a log deleted entirely.
 */
import { appendFile, chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../core/kernel/logger.js";
import { type AuditCheckpoint, formatCheckpoint } from "./audit-checkpoint.js";

export interface AuditCheckpointWriterOptions {
  audit: { checkpoint(): Promise<AuditCheckpoint | null> };
  file: string;
  logger: Logger;
  /** Posts the checkpoint line to the configured chat channel (absent: none configured). */
  post?: (line: string) => Promise<void>;
  /** Minimum time between periodic checkpoints. */
  intervalMs: number;
}

export class AuditCheckpointWriter {
  readonly #options: AuditCheckpointWriterOptions;
  #lastAt = 0;
  #lastCount = -1;

  constructor(options: AuditCheckpointWriterOptions) {
    this.#options = options;
  }

  /** Writes a checkpoint now, wherever configured; returns it (null without an audit key). */
  async write(): Promise<AuditCheckpoint | null> {
    const cp = await this.#options.audit.checkpoint();
    if (!cp) return null;
    const line = formatCheckpoint(cp);
    const { file, logger, post } = this.#options;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await appendFile(file, `${line}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    logger.info({ auditCheckpoint: line }, "audit checkpoint");
    if (post) {
      // The file and the log already hold it: a chat outage must not stop checkpoints.
      await post(line).catch((e: unknown) =>
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, "audit checkpoint not posted"),
      );
    }
    this.#lastCount = cp.count;
    this.#lastAt = Date.parse(cp.at);
    return cp;
  }

  /** The periodic call: a checkpoint when the interval has passed and the log grew since the last one. */
  async maybeWrite(now: Date): Promise<AuditCheckpoint | null> {
    if (this.#lastCount >= 0 && now.getTime() - this.#lastAt < this.#options.intervalMs) return null;
    const cp = await this.#options.audit.checkpoint();
    if (!cp || cp.count === this.#lastCount) return null;
    return this.write();
  }
}
