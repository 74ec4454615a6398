import type { CommandDefinition } from "../command.js";
import { ago } from "../format.js";
import { resolveOrg } from "../org-resolver.js";
import { auditVisibility, mayViewAuditRow } from "../permissions/audit-visibility.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import type { AuditEntry } from "../ports.js";
import { reply } from "../reply.js";

export const auditCommand: CommandDefinition = {
  name: "audit",
  access: PERMISSION_CATALOGUE.audit,
  summary: "Who did what in an org, when, with what outcome (newest first)",
  args: [{ name: "org" }],
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
    // Intent rows are folded into their outcome; fetch extra so `limit` counts what is shown.
    const rows = await services.audit.list({ orgSlug: org.slug, limit: Math.min(500, limit * 3) });
    const now = services.clock.now();
    const shown = foldIntents(
      rows.filter((r) => mayViewAuditRow(visibility, r)),
      now,
    )
      .filter((r) => args.flags.all === true || r.outcome !== "info")
      .filter(
        (r) => !campaign || r.target === campaign || r.targetName?.toLowerCase() === campaign.toLowerCase(),
      )
      .slice(0, limit);
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
 * An intent row with an outcome row is shown once, as the outcome. An intent with no outcome after a
 * minute means the process died between the Genesys call and the record: shown as unknown, never hidden.
 */
function foldIntents(rows: AuditEntry[], now: Date): Shown[] {
  const closed = new Set(rows.map((r) => r.intentId).filter((id): id is string => Boolean(id)));
  const out: Shown[] = [];
  for (const r of rows) {
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
