/**
 * `watch`, `unwatch`, `watches`: which campaigns this chat channel gets alerts for. Watching needs
 * view in the campaign's division (a watch shows the campaign's status to everyone in the channel);
 * a selector (`--all`, `--match`) is expanded now to the campaigns the caller may view, so every
 * stored watch names one campaign someone allowed to see it chose. Each change is audited.
 */
import { globMatcher } from "../bulk/selector.js";
import { resolveCampaign } from "../campaigns/resolve-campaign.js";
import { resolveOrg } from "../campaigns/resolve-org.js";
import type { CommandContext, CommandDefinition } from "../dispatch/command.js";
import { AppError } from "../kernel/errors.js";
import type { Campaign } from "../kernel/model.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";

const SELECTOR_FLAGS = {
  all: { type: "boolean", description: "every campaign you may view in the org, as it is now" },
  match: {
    type: "string",
    valueName: "GLOB",
    description: "campaigns whose name matches (* any text, ? one character)",
  },
} as const;

/** The campaigns named or selected, each one the caller may view. */
async function selected(
  ctx: CommandContext,
  verb: string,
): Promise<{ org: LinkedOrg; campaigns: Campaign[] }> {
  const { services, args, invocation } = ctx;
  const [slug = "", ...refs] = args.positionals;
  const all = args.flags.all === true;
  const match = typeof args.flags.match === "string" ? args.flags.match.trim() : undefined;
  if ((all || match !== undefined) && refs.length > 0) {
    throw new AppError(
      "usage",
      `Name campaigns or use --all/--match, not both. For example: ${verb} acme --match "Spring*"`,
    );
  }
  if (!all && match === undefined && refs.length === 0) {
    throw new AppError(
      "usage",
      `Which campaigns? For example: ${verb} acme "Spring Promo", or ${verb} acme --all`,
    );
  }
  const org = await resolveOrg(services.orgs, slug);
  const client = await services.genesys.forOrg(org);
  const actor = invocation.actor.id;
  const anywhere = await services.gate.check(actor, org, client, "status");
  if (!anywhere.allowed) throw notPermitted(anywhere);
  if (refs.length > 0) {
    const campaigns: Campaign[] = [];
    for (const ref of refs) {
      const campaign = await resolveCampaign(
        client,
        org,
        ref,
        ctx.access?.viewable ?? [],
        (c) => `watch ${org.slug} ${c}`,
      );
      const here = await services.gate.check(actor, org, client, "status", campaign.division);
      if (!here.allowed) throw notPermitted(here);
      campaigns.push(campaign);
    }
    return { org, campaigns };
  }
  return { org, campaigns: await viewable(ctx, org, client, match) };
}

async function viewable(ctx: CommandContext, org: LinkedOrg, client: GenesysOrgClient, match?: string) {
  const matches = match === undefined ? () => true : globMatcher(match);
  const out: Campaign[] = [];
  for (const c of await client.listAllCampaigns()) {
    if (!matches(c.name)) continue;
    const d = await ctx.services.gate.check(ctx.invocation.actor.id, org, client, "status", c.division);
    if (d.allowed) out.push(c);
  }
  return out;
}

function names(campaigns: { campaignName?: string; name?: string }[]): string {
  return campaigns.map((c) => `"${c.campaignName ?? c.name}"`).join(", ");
}

export const watchCommand: CommandDefinition = {
  name: "watch",
  access: PERMISSION_CATALOGUE.watch,
  summary:
    "Alert this channel when campaigns stop dialing: status changed outside Switchboard, invalid, forced off, complete",
  args: [
    { name: "org", kind: "org" },
    { name: "campaign", kind: "campaign", variadic: true, optional: true },
  ],
  flags: SELECTOR_FLAGS,
  usage: "watch <org> <campaign…|--all|--match GLOB>",
  examples: ['watch acme "Spring Promo"', 'watch acme --match "Spring*"', "watch acme --all"],
  async run(ctx) {
    const { org, campaigns } = await selected(ctx, "watch");
    const { invocation, services } = ctx;
    if (campaigns.length === 0) {
      return reply({
        tone: "warning",
        blocks: [{ type: "text", text: `No campaign you may view in ${org.slug} matches.` }],
      });
    }
    const added: Campaign[] = [];
    for (const c of campaigns) {
      const { created } = await services.watches.add({
        orgSlug: org.slug,
        campaignId: c.id,
        campaignName: c.name,
        platform: invocation.platform,
        channel: invocation.channel.id,
        createdBy: invocation.actor.id,
      });
      if (!created) continue;
      added.push(c);
      // The status seen now is the alert baseline: a stop before the listener reads it still alerts.
      await services.alerts.advance(org.slug, c.id, c.version, c.status);
      await services.audit.append({
        actor: invocation.actor.id,
        platform: invocation.platform,
        channel: invocation.channel.id,
        orgSlug: org.slug,
        action: "watch",
        target: c.id,
        targetName: c.name,
        outcome: "success",
      });
    }
    const already = campaigns.length - added.length;
    const text = added.length
      ? `Watching ${names(added)} in ${org.slug}: this channel gets an alert when one stops dialing.`
      : `This channel already watches ${names(campaigns)} in ${org.slug}.`;
    const blocks = [{ type: "text" as const, text, tone: "success" as const }];
    if (added.length && already)
      blocks.push({ type: "text", text: `${already} already watched.`, tone: "success" });
    return reply({ tone: "success", visibility: "channel", blocks });
  },
};

export const unwatchCommand: CommandDefinition = {
  name: "unwatch",
  access: PERMISSION_CATALOGUE.unwatch,
  summary: "Stop alerts for campaigns in this channel",
  args: [
    { name: "org", kind: "org" },
    { name: "campaign", kind: "campaign", variadic: true, optional: true },
  ],
  flags: SELECTOR_FLAGS,
  usage: "unwatch <org> <campaign…|--all|--match GLOB>",
  examples: ['unwatch acme "Spring Promo"', "unwatch acme --all"],
  async run(ctx) {
    const { invocation, services, args } = ctx;
    const slug = (args.positionals[0] ?? "").toLowerCase();
    const here = { platform: invocation.platform, channel: invocation.channel.id };
    const watched = await services.watches.list({ orgSlug: slug, ...here });
    // Unwatching needs no Genesys read: it removes only what this channel watches, by name or selector.
    const refs = args.positionals.slice(1).map((r) => r.toLowerCase());
    const match = typeof args.flags.match === "string" ? globMatcher(args.flags.match) : undefined;
    const chosen = watched.filter((w) =>
      args.flags.all === true
        ? true
        : match
          ? match(w.campaignName)
          : refs.some((r) => r === w.campaignId.toLowerCase() || r === w.campaignName.toLowerCase()),
    );
    if (chosen.length === 0) {
      return reply({
        tone: "warning",
        blocks: [
          {
            type: "text",
            text: `This channel watches nothing like that in ${slug || "that org"}. See: watches`,
          },
        ],
      });
    }
    for (const w of chosen) {
      await services.watches.remove({ orgSlug: w.orgSlug, campaignId: w.campaignId, ...here });
      await services.audit.append({
        actor: invocation.actor.id,
        platform: invocation.platform,
        channel: invocation.channel.id,
        orgSlug: w.orgSlug,
        action: "unwatch",
        target: w.campaignId,
        targetName: w.campaignName,
        outcome: "success",
      });
    }
    return reply({
      tone: "success",
      visibility: "channel",
      blocks: [{ type: "text", text: `No longer watching ${names(chosen)} in ${slug}.`, tone: "success" }],
    });
  },
};

export const watchesCommand: CommandDefinition = {
  name: "watches",
  access: PERMISSION_CATALOGUE.watches,
  summary: "The campaigns this channel watches",
  args: [{ name: "org", kind: "org", optional: true }],
  examples: ["watches", "watches acme"],
  async run({ invocation, services, args }) {
    const slug = args.positionals[0]?.toLowerCase();
    const rows = await services.watches.list({
      ...(slug ? { orgSlug: slug } : {}),
      platform: invocation.platform,
      channel: invocation.channel.id,
    });
    if (rows.length === 0) {
      return reply({
        blocks: [{ type: "text", text: 'This channel watches no campaign. Try: watch acme "Spring Promo"' }],
      });
    }
    return reply({
      title: "Watched in this channel",
      blocks: [
        {
          type: "table",
          columns: [{ header: "org" }, { header: "campaign" }, { header: "by" }, { header: "since" }],
          rows: rows.map((w) => [
            w.orgSlug,
            w.campaignName,
            w.createdBy,
            w.createdAt.toISOString().slice(0, 16).replace("T", " "),
          ]),
        },
      ],
    });
  },
};
