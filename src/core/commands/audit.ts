import { resolveOrg } from "../campaigns/resolve-org.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { ago } from "../kernel/format.js";
import { reply } from "../kernel/reply.js";
import { auditVisibility, mayViewAuditRow } from "../permissions/audit-visibility.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import type { AuditEntry, AuditLog, AuditQuery } from "../ports/audit-log.js";

export const auditCommand: CommandDefinition = {
  name: "audit",
  access: PERMISSION_CATALOGUE.audit,
  summary: "Who did what in an org, when, with what outcome (newest first)",
  args: [{ name: "org", kind: "org" }],
  flags: {
    campaign: {
      type: "string",
      valueName: "NAME|ID",
      description: "Only this campaign (exact name or id as recorded)",
    },
    limit: { type: "integer", min: 1, max: 200, valueName: "N", description: "Rows to show (default 20)" },
    all: {
      type: "boolean",
      description: "Include read-only commands (list, status…), not just changes and decisions",
    },
  },
  examples: ["audit acme", 'audit acme --campaign "Spring Promo" --limit 50'],
  async run({ services, args, invocation }) {
    const org = await resolveOrg(services.orgs, args.positionals[0] ?? "", { allowBroken: true });
    // Rows about campaigns the caller may not view are not theirs to read (issue 11 row 9).
    const visibility = await auditVisibility(services, invocation.actor.id, org);
    const limit = typeof args.flags.limit === "number" ? args.flags.limit : 20;
    const campaign = typeof args.flags.campaign === "string" ? args.flags.campaign.trim() : undefined;
    const shown = await shownRows(services.audit, {
      orgSlug: org.slug,
      ...(campaign ? { campaign } : {}),
      ...(args.flags.all === true ? {} : { excludeOutcomes: ["info"] }),
      limit,
      now: services.clock.now(),
      visible: (row) => mayViewAuditRow(visibility, row),
    });
    const now = services.clock.now();
    if (shown.length === 0) {
      return reply({
        blocks: [
          {
            type: "text",
            text: `Nothing recorded for ${org.slug}${campaign ? ` and campaign "${campaign}"` : ""} yet.`,
          },
        ],
      });
    }
    return reply({
      title: `Audit log: ${org.slug}${campaign ? ` — ${campaign}` : ""}`,
      blocks: [
        {
          type: "table",
          columns: [
            { header: "#" },
            { header: "When" },
            { header: "Who" },
            { header: "Action" },
            { header: "Campaign" },
            { header: "Outcome" },
            { header: "Reason" },
            { header: "Genesys contextId" },
          ],
          rows: shown.map((r) => [
            String(r.seq),
            ago(r.at, now),
            r.actor,
            r.action,
            r.targetName ?? r.target ?? "",
            r.outcomeText,
            r.reason ?? "",
            r.contextId ?? "",
          ]),
          footer: "Rows are hash-chained; an operator can check the chain with: switchboard audit verify",
        },
      ],
    });
  },
};

type Shown = AuditEntry & { outcomeText: string };

/**
 * `limit` rows as shown: the database filters (org, campaign, outcome) and pages newest first; an
 * intent folded into its outcome takes no place, so pages are read until `limit` rows are shown or
 * the log has no more.
 */
async function shownRows(
  audit: AuditLog,
  query: Omit<AuditQuery, "beforeSeq"> & { limit: number; now: Date; visible: (row: AuditEntry) => boolean },
): Promise<Shown[]> {
  const { now, visible, ...filter } = query;
  const closed = new Set<string>();
  const out: Shown[] = [];
  let beforeSeq: number | undefined;
  while (out.length < query.limit) {
    const page = await audit.list({ ...filter, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    for (const row of foldIntents(page.filter(visible), now, closed)) {
      if (out.length < query.limit) out.push(row);
    }
    const last = page.at(-1);
    if (!last || page.length < query.limit) break;
    beforeSeq = last.seq;
  }
  return out;
}

/**
 * An intent row with an outcome row is shown once, as the outcome. An intent with no outcome after a
 * minute means the process died between the Genesys call and the record: shown as unknown, never hidden.
 */
function foldIntents(rows: AuditEntry[], now: Date, closed: Set<string>): Shown[] {
  const out: Shown[] = [];
  for (const r of rows) {
    // Newest first: an outcome row always comes before the intent it closes.
    if (r.intentId) closed.add(r.intentId);
    if (r.outcome === "intent") {
      if (closed.has(r.id)) continue;
      const recent = now.getTime() - r.at.getTime() < 60_000;
      out.push({ ...r, outcomeText: recent ? "in progress" : "UNKNOWN outcome (no result recorded)" });
      continue;
    }
    const detail = r.detail ?? {};
    const via = typeof detail.via === "string" ? ` via ${detail.via}` : "";
    const approval = typeof detail.approvalId === "string" ? ` [${detail.approvalId}]` : "";
    out.push({ ...r, outcomeText: `${r.outcome}${via}${approval}` });
  }
  return out;
}
