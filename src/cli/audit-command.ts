/**
 * `switchboard audit verify|checkpoint|export`: compliance work on the configured database. verify
 * re-walks the keyed chain and names the first bad row, and with `--anchor` checks the log against
 * signed checkpoints kept elsewhere (cut, rewritten or deleted rows); checkpoint writes one now;
 * export writes every row, oldest first, as CSV or JSON lines.
 */

import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { loadConfig } from "../config.js";
import type { AuditEntry } from "../core/ports/audit-log.js";
import { type AuditCheckpoint, formatCheckpoint, parseCheckpoints } from "../store/index.js";
import { parseCli } from "./args.js";
import { openConfiguredApp } from "./configured-app.js";
import { adminDatabase } from "./database.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";

const USAGE =
  "switchboard audit verify [--anchor CHECKPOINT|FILE] | audit checkpoint | audit export [--format csv|jsonl] [--org SLUG] [--output FILE] [--fixture FILE | --live]";

const COLUMNS = [
  "seq",
  "at",
  "actor",
  "genesysIdentity",
  "platform",
  "channel",
  "orgSlug",
  "action",
  "target",
  "targetName",
  "reason",
  "outcome",
  "intentId",
  "contextId",
  "correlationId",
  "durationMs",
  "detail",
  "prevHash",
  "hash",
] as const;

export async function auditCliCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    {
      format: { type: "string", default: "jsonl" },
      org: { type: "string" },
      output: { type: "string" },
      anchor: { type: "string", multiple: true },
      fixture: { type: "string" },
      live: { type: "boolean" },
    },
    USAGE,
  );
  const action = positionals[0];
  if (action !== "verify" && action !== "export" && action !== "checkpoint") {
    throw new UsageError(
      action ? `unknown audit action "${action}".` : "audit needs an action.",
      `Usage: ${USAGE}`,
    );
  }
  const format = values.format;
  if (format !== "csv" && format !== "jsonl")
    throw new UsageError(`--format must be csv or jsonl, not "${format}".`, `Usage: ${USAGE}`);
  const anchors = readAnchors(values.anchor ?? []);
  const config = loadConfig(io.env);
  const db = adminDatabase(config, values);
  io.stderr.write(`Database: ${db.label}\n`);
  const { app, notes } = await openConfiguredApp(config, undefined, db.url, io.logs);
  try {
    for (const note of notes) io.stderr.write(`${note}\n`);
    if (action === "checkpoint") {
      const cp = await app.auditCheckpoints.write();
      if (!cp) throw new UsageError("no audit key is configured, so nothing can sign a checkpoint.");
      io.stdout.write(`${formatCheckpoint(cp)}\nAppended to ${config.auditCheckpointFile}.\n`);
      return 0;
    }
    if (action === "verify") {
      const result = await app.store.audit.verify(anchors);
      if (result.ok) {
        const before = result.unkeyed
          ? ` (${result.unkeyed} written before the keyed chain, sealed by the first keyed row)`
          : "";
        const anchored = result.anchors
          ? `Consistent with ${result.anchors} signed checkpoint${result.anchors === 1 ? "" : "s"}: nothing was cut, rewritten or deleted up to them.\n`
          : `Without --anchor, rows cut from the end cannot be seen: run again with --anchor ${config.auditCheckpointFile}\n`;
        io.stdout.write(`Audit chain intact: ${result.count} rows${before}.\n${anchored}`);
        return 0;
      }
      io.stdout.write(`Audit chain BROKEN at row ${result.seq}: ${result.problem}\n`);
      return 1;
    }
    const out = values.output ? createWriteStream(values.output, { mode: 0o600 }) : io.stdout;
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    };
    if (format === "csv") await write(COLUMNS.join(","));
    let rows = 0;
    for await (const row of app.store.audit.exportRows({ orgSlug: values.org })) {
      await write(format === "csv" ? toCsv(row) : JSON.stringify(row));
      rows++;
    }
    if (out !== io.stdout) {
      out.end();
      await once(out, "finish");
      io.stderr.write(`Exported ${rows} rows to ${values.output}.\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
}

/** `--anchor` values: a checkpoint line itself, or a file holding checkpoints (a log will do). */
function readAnchors(values: string[]): AuditCheckpoint[] {
  const anchors: AuditCheckpoint[] = [];
  for (const value of values) {
    const text = existsSync(value) ? readFileSync(value, "utf8") : value;
    const found = parseCheckpoints(text);
    if (!found.length)
      throw new UsageError(
        `--anchor ${existsSync(value) ? `file ${value} holds` : "is"} no audit checkpoint.`,
        "Give a line starting swb-audit-checkpoint, or the checkpoint file (SWITCHBOARD_AUDIT_CHECKPOINT_FILE).",
      );
    anchors.push(...found);
  }
  return anchors;
}

function toCsv(row: AuditEntry): string {
  return COLUMNS.map((c) => {
    const v = row[c];
    const text =
      v === null || v === undefined
        ? ""
        : v instanceof Date
          ? v.toISOString()
          : typeof v === "object"
            ? JSON.stringify(v)
            : String(v);
    // Quote every field that could break a row, and neutralise spreadsheet formulas.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
  }).join(",");
}
