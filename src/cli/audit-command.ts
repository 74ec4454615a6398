/**
 * `switchboard audit verify|export`: compliance work on the configured database. verify re-walks the
 * hash chain and names the first bad row; export writes every row, oldest first, as CSV or JSON lines.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { loadConfig } from "../config.js";
import type { AuditEntry } from "../core/ports.js";
import { parseCli } from "./args.js";
import { openConfiguredApp } from "./configured-app.js";
import { adminDatabase } from "./database.js";
import { UsageError } from "./usage-error.js";

const USAGE =
  "switchboard audit verify | audit export [--format csv|jsonl] [--org SLUG] [--output FILE] [--fixture FILE | --live]";

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

export async function auditCliCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    {
      format: { type: "string", default: "jsonl" },
      org: { type: "string" },
      output: { type: "string" },
      fixture: { type: "string" },
      live: { type: "boolean" },
    },
    USAGE,
  );
  const action = positionals[0];
  if (action !== "verify" && action !== "export") {
    throw new UsageError(
      action ? `unknown audit action "${action}".` : "audit needs an action.",
      `Usage: ${USAGE}`,
    );
  }
  const format = values.format;
  if (format !== "csv" && format !== "jsonl")
    throw new UsageError(`--format must be csv or jsonl, not "${format}".`, `Usage: ${USAGE}`);
  const config = loadConfig(process.env);
  const db = adminDatabase(config, values);
  process.stderr.write(`Database: ${db.label}\n`);
  const { app, notes } = await openConfiguredApp(config, undefined, db.url);
  try {
    for (const note of notes) process.stderr.write(`${note}\n`);
    if (action === "verify") {
      const result = await app.store.audit.verify();
      if (result.ok) {
        process.stdout.write(
          `Audit chain intact: ${result.count} rows.\nRecord this count: a later verify with fewer rows means rows were cut from the end.\n`,
        );
        return 0;
      }
      process.stdout.write(`Audit chain BROKEN at row ${result.seq}: ${result.problem}\n`);
      return 1;
    }
    const out = values.output ? createWriteStream(values.output, { mode: 0o600 }) : process.stdout;
    const write = async (line: string) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    };
    if (format === "csv") await write(COLUMNS.join(","));
    let rows = 0;
    for await (const row of app.store.audit.exportRows({ orgSlug: values.org })) {
      await write(format === "csv" ? toCsv(row) : JSON.stringify(row));
      rows++;
    }
    if (out !== process.stdout) {
      out.end();
      await once(out, "finish");
      process.stderr.write(`Exported ${rows} rows to ${values.output}.\n`);
    }
    return 0;
  } finally {
    await app.close();
  }
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
