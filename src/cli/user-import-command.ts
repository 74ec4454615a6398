/**
 * `switchboard user import FILE.csv [--org SLUG] [--apply]`: maps many chat identities to Genesys
 * users at once, as admins hold them (a spreadsheet export). A dry run by default: it reports, row by
 * row with line numbers, what would be mapped, what already is, which Genesys users do not exist and
 * which rows are invalid. `--apply` then maps the valid rows, each verified and audited like `user map`.
 */
import { readFileSync } from "node:fs";
import { renderReply } from "../adapters/shell/render.js";
import {
  applyIdentityImport,
  type ImportLine,
  type ImportRow,
  planIdentityImport,
} from "../core/identity/identity-import.js";
import { reply } from "../core/kernel/reply.js";
import { parseCli } from "./args.js";
import { parseChatIdentity } from "./chat-identity.js";
import { openConfiguredApp } from "./configured-app.js";
import { CsvError, parseCsv } from "./csv.js";
import { adminDatabase } from "./database.js";
import type { CliIo } from "./io.js";
import { readConfig } from "./read-config.js";
import { UsageError } from "./usage-error.js";

export const IMPORT_USAGE = "switchboard user import FILE.csv [--org SLUG] [--apply]";
const HEADER_HELP =
  "The first row names the columns: identity (slack:T…:U…, teams:<tenant>:<aad id> or a shell name), genesys_user (email or user id) and org (or give --org SLUG for the whole file), e.g.\n  identity,org,genesys_user\n  slack:T024BE7LD:U012AB3CD,acme,sam@acme.com";
const SLUG = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Header names people write, folded to one spelling (case, spaces, dashes and underscores ignored). */
const COLUMNS: Record<string, "identity" | "genesys" | "org"> = {
  identity: "identity",
  chatidentity: "identity",
  chatuser: "identity",
  genesysuser: "genesys",
  genesys: "genesys",
  email: "genesys",
  genesysemail: "genesys",
  genesysuserid: "genesys",
  userid: "genesys",
  org: "org",
  orgslug: "org",
};

interface InvalidRow {
  line: number;
  fields: string[];
  reason: string;
}

export async function userImportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    {
      org: { type: "string" },
      apply: { type: "boolean" },
      "genesys-url": { type: "string" },
      fixture: { type: "string" },
      live: { type: "boolean" },
    },
    IMPORT_USAGE,
  );
  const [file, ...extra] = positionals;
  if (!file || extra.length)
    throw new UsageError(
      file ? `user import takes one file (got "${positionals.join(" ")}").` : "user import needs a CSV file.",
      `Usage: ${IMPORT_USAGE}\n${HEADER_HELP}`,
    );
  const defaultOrg = values.org?.trim().toLowerCase();
  if (defaultOrg !== undefined && !SLUG.test(defaultOrg))
    throw new UsageError(
      `"${values.org}" is not a valid org slug.`,
      "Linked orgs are listed by: switchboard org list",
    );
  // The file is read and checked before the database is opened: a bad file changes nothing.
  const { rows, invalid } = readRows(file, defaultOrg);

  const config = await readConfig(io.env, { genesysSimulatorUrl: values["genesys-url"] });
  const db = adminDatabase(config, values);
  io.stderr.write(`Database: ${db.label}\n`);
  const { app, notes } = await openConfiguredApp(config, undefined, db.url, io.logs, false, db.workspace);
  try {
    for (const note of notes) io.stderr.write(`${note}\n`);
    const plan = await planIdentityImport(app.services, rows);
    const apply = values.apply === true;
    const failed = apply
      ? await applyIdentityImport(app.services, plan, {
          actor: `cli:${config.osUser ?? "unknown"}`,
          platform: "cli",
          channel: "cli",
        })
      : [];
    const failedLines = new Map(failed.map((f) => [f.row.line, f.reason]));
    io.stdout.write(`${renderReply(report(plan, invalid, apply, failedLines), { color: false })}\n`);
    const problems = invalid.length + failed.length + plan.filter((p) => !isFine(p)).length;
    return problems ? 1 : 0;
  } finally {
    await app.close();
  }
}

function readRows(
  file: string,
  defaultOrg: string | undefined,
): { rows: ImportRow[]; invalid: InvalidRow[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}${code === "ENOENT" ? ": no such file" : ` (${code ?? "error"})`}.`,
    );
  }
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(`${file} is not valid CSV: ${e.message}.`, HEADER_HELP);
    throw e;
  }
  const [header, ...body] = records;
  const index = { identity: -1, genesys: -1, org: -1 };
  header?.fields.forEach((name, i) => {
    const column = COLUMNS[name.toLowerCase().replace(/[\s_-]/g, "")];
    if (column && index[column] === -1) index[column] = i;
  });
  if (index.identity === -1 || index.genesys === -1)
    throw new UsageError(
      `${file} has no ${index.identity === -1 ? "identity" : "genesys_user"} column in its first row.`,
      HEADER_HELP,
    );
  if (index.org === -1 && defaultOrg === undefined)
    throw new UsageError(`${file} has no org column; give the org with --org SLUG.`, HEADER_HELP);

  const rows: ImportRow[] = [];
  const invalid: InvalidRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of body) {
    const bad = (reason: string) => invalid.push({ line, fields, reason });
    const identityText = fields[index.identity] ?? "";
    const genesysUser = (fields[index.genesys] ?? "").trim();
    const orgSlug = ((index.org === -1 ? undefined : fields[index.org]) || defaultOrg || "")
      .trim()
      .toLowerCase();
    if (!identityText.trim()) {
      bad("no chat identity");
      continue;
    }
    let chatIdentity: string;
    try {
      chatIdentity = parseChatIdentity(identityText);
    } catch (e) {
      bad(e instanceof UsageError ? e.message : String(e));
      continue;
    }
    if (!genesysUser) {
      bad("no Genesys user (email or id)");
      continue;
    }
    if (!SLUG.test(orgSlug)) {
      bad(orgSlug ? `"${orgSlug}" is not a valid org slug` : "no org");
      continue;
    }
    // The same person twice in one org: the later row would silently win, so neither is guessed.
    const key = `${chatIdentity}\u0000${orgSlug}`;
    const first = seen.get(key);
    if (first !== undefined) {
      bad(`${chatIdentity} in ${orgSlug} is already on line ${first}`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, chatIdentity, orgSlug, genesysUser });
  }
  return { rows, invalid };
}

function isFine(p: ImportLine): boolean {
  return p.verdict.kind === "map" || p.verdict.kind === "unchanged";
}

function report(plan: ImportLine[], invalid: InvalidRow[], applied: boolean, failed: Map<number, string>) {
  const lines = [
    ...plan.map(({ row, verdict }) => {
      const result =
        verdict.kind === "map"
          ? failed.has(row.line)
            ? `failed: ${failed.get(row.line)}`
            : `${applied ? "mapped" : "will map"} → ${verdict.label} (${verdict.name})${verdict.was ? `, was ${verdict.was}` : ""}`
          : verdict.kind === "unchanged"
            ? `already mapped → ${verdict.label}`
            : verdict.kind === "unknown_user"
              ? `unknown Genesys user: ${verdict.reason}`
              : verdict.kind === "unknown_org"
                ? `unknown org: ${verdict.reason}`
                : `cannot check: ${verdict.reason}`;
      return { line: row.line, cells: [row.chatIdentity, row.orgSlug, row.genesysUser, result] };
    }),
    ...invalid.map(({ line, fields, reason }) => ({
      line,
      cells: [fields[0] ?? "", "", fields.slice(1).join(", "), `invalid row: ${reason}`],
    })),
  ].sort((a, b) => a.line - b.line);
  const count = (kind: string) =>
    plan.filter((p) => p.verdict.kind === kind && !failed.has(p.row.line)).length;
  const toMap = count("map");
  const summary = [
    `${toMap} ${applied ? "mapped" : "to map"}`,
    `${count("unchanged")} already mapped`,
    `${count("unknown_user")} unknown Genesys user${count("unknown_user") === 1 ? "" : "s"}`,
    ...(count("unknown_org") ? [`${count("unknown_org")} in unknown orgs`] : []),
    ...(count("failed") ? [`${count("failed")} not checked`] : []),
    ...(failed.size ? [`${failed.size} failed`] : []),
    `${invalid.length} invalid row${invalid.length === 1 ? "" : "s"}`,
  ].join(", ");
  return reply({
    title: applied ? "User import applied" : "User import: dry run, nothing changed",
    blocks: [
      {
        type: "table",
        columns: [
          { header: "Line" },
          { header: "Chat identity" },
          { header: "Org" },
          { header: "Genesys user" },
          { header: "Result" },
        ],
        rows: lines.map((l) => [String(l.line), ...l.cells]),
      },
      { type: "text", text: `${summary}.` },
      ...(applied
        ? [
            {
              type: "text" as const,
              text: "Each mapping was verified in Genesys and recorded in the audit log (user.map).",
            },
          ]
        : toMap
          ? [
              {
                type: "hint" as const,
                text: "Make these changes with:",
                command: "switchboard user import … --apply",
              },
            ]
          : []),
    ],
  });
}
