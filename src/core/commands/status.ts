import { reconcileOpenIntents } from "../campaigns/reconcile-intents.js";
import { resolveCampaign } from "../campaigns/resolve-campaign.js";
import { resolveOrg } from "../campaigns/resolve-org.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { ago, percent } from "../kernel/format.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { AuditEntry } from "../ports/audit-log.js";

export const statusCommand: CommandDefinition = {
  name: "status",
  access: PERMISSION_CATALOGUE.status,
  summary: "Show one campaign: status, mode, division, progress, stats and the last change",
  args: [
    { name: "org", kind: "org" },
    { name: "campaign", kind: "campaign", variadic: true },
  ],
  examples: ['status acme "Spring Promo"', "status acme spring"],
  async run({ services, args, invocation, access }) {
    const [slug = "", ...rest] = args.positionals;
    const org = await resolveOrg(services.orgs, slug);
    const client = await services.genesys.forOrg(org);
    const actor = invocation.actor.id;
    // Resolved among the campaigns the caller may view (the dispatcher refused callers who view none).
    const campaign = await resolveCampaign(client, org, rest.join(" "), access?.viewable ?? []);
    const here = await services.gate.check(actor, org, client, "status", campaign.division);
    if (!here.allowed) throw notPermitted(here);
    // A switch of this campaign that crashed before its outcome row is reconciled before it is shown.
    await reconcileOpenIntents(services, { orgSlug: org.slug, target: campaign.id }).catch(() => []);
    const [progress, stats, history] = await Promise.all([
      client.getProgress(campaign.id).catch(() => undefined),
      client.getStats(campaign.id).catch(() => undefined),
      services.audit.list({ orgSlug: org.slug, target: campaign.id, limit: 20 }).catch(() => []),
    ]);
    const fields = [
      { label: "Status", value: campaign.status, kind: "status" as const },
      { label: "Dialing mode", value: campaign.dialingMode },
      { label: "Division", value: campaign.division.name },
      {
        label: "Progress",
        value: progress
          ? `${percent(progress.percentage)} (${progress.numberOfContactsCalled} of ${progress.totalNumberOfContacts} contacts)`
          : "unavailable",
      },
    ];
    if (stats) {
      fields.push({
        label: "Dialing stats",
        value: `${stats.attempts} attempts, ${stats.connects} connects, ${stats.idleAgents} idle agents`,
      });
    }
    fields.push({ label: "Last change", value: lastChange(history, services.clock.now()) });
    fields.push({ label: "Campaign id", value: `${campaign.id} (version ${campaign.version})` });
    return reply({ title: `${campaign.name} — ${org.slug}`, blocks: [{ type: "fields", fields }] });
  },
};

function lastChange(history: AuditEntry[], now: Date): string {
  const last = history.find(
    (e) => e.outcome === "success" && (e.action === "pause" || e.action === "resume"),
  );
  if (!last) return "none recorded by Switchboard";
  const why = last.reason ? ` — "${last.reason}"` : "";
  const note =
    typeof last.detail?.note === "string" && last.detail.reconciled === true ? ` (${last.detail.note})` : "";
  return `${last.action === "pause" ? "paused" : "resumed"} by ${last.actor} ${ago(last.at, now)}${why}${note}`;
}
