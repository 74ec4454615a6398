import { requestApproval } from "../approvals/request-approval.js";
import { resolveCampaign } from "../campaign-resolver.js";
import {
  assertSwitchable,
  isAlready,
  type SwitchAction,
  type SwitchResult,
  switchCampaign,
} from "../campaign-switch.js";
import type { CommandContext, CommandDefinition } from "../command.js";
import { isAppError } from "../errors.js";
import { durationText } from "../format.js";
import type { Campaign } from "../model.js";
import { resolveOrg } from "../org-resolver.js";
import { resolveRule } from "../policy/policy.js";
import type { GenesysOrgClient, LinkedOrg } from "../ports.js";
import { type Block, reply } from "../reply.js";
import { authorizeTargets, requireIdentity } from "../switch-authorization.js";

/**
 * `pause` and `resume` share everything but the direction: resolve the org and campaigns, switch
 * each one (audited), and report what changed.
 */
export function switchCommand(action: SwitchAction): CommandDefinition {
  const verb = action === "pause" ? "Pause" : "Resume";
  return {
    name: action,
    summary:
      action === "pause"
        ? "Stop dialing a campaign (waits until Genesys reports it off)"
        : "Start dialing a campaign again",
    args: [{ name: "org" }, { name: "campaign", variadic: true }],
    flags: {
      reason: {
        type: "string",
        valueName: "TEXT",
        description: "Why: recorded in the audit log and shown in status",
      },
    },
    examples:
      action === "pause"
        ? ['pause acme "Spring Promo" --reason "DNC list stale"', 'pause acme "Spring Promo" "Summer Sale"']
        : ['resume acme "Spring Promo" --reason "list fixed"'],
    async run(ctx) {
      const [slug = "", ...refs] = ctx.args.positionals;
      const reason =
        typeof ctx.args.flags.reason === "string" ? ctx.args.flags.reason.trim() || undefined : undefined;
      const org = await resolveOrg(ctx.services.orgs, slug);
      const client = await ctx.services.genesys.forOrg(org);
      // Unmapped or unverifiable callers are refused before campaign names are resolved (and suggested).
      await requireIdentity(ctx, org, client, action, refs, reason);
      const campaigns = await resolveTargets(client, org, refs);
      // Every target's division is checked before the first Genesys change.
      const targets = await authorizeTargets(ctx, org, client, action, campaigns, reason);
      // Policy decides whether the change waits for an approver. Campaigns already where the caller
      // wants them need no one's approval: they are reported as such.
      const rule = resolveRule(ctx.services.policy.current(), org.slug, action, { bulk: false });
      const toChange = targets.filter(({ campaign }) => !isAlready(action, campaign.status));
      for (const { campaign } of toChange) assertSwitchable(action, campaign, org);
      if (rule.approval === "required" && toChange.length > 0) {
        return requestApproval(
          ctx,
          org,
          toChange.map((t) => t.campaign),
          action,
          reason,
          rule,
        );
      }
      const results: SwitchResult[] = [];
      for (const { campaign, decision } of targets) {
        const options = { genesysIdentity: decision.genesysIdentity };
        results.push(await switchCampaign(ctx, org, client, campaign, action, reason, options));
      }
      return report(ctx, org, action, verb, results);
    },
  };
}

/**
 * `pause acme Spring Promo` (unquoted) most likely means one campaign called "Spring Promo"; try
 * the words together first, then each word as its own campaign.
 */
async function resolveTargets(client: GenesysOrgClient, org: LinkedOrg, refs: string[]): Promise<Campaign[]> {
  if (refs.length <= 1) return [await resolveCampaign(client, org, refs[0] ?? "")];
  try {
    return [await resolveCampaign(client, org, refs.join(" "))];
  } catch (joinedError) {
    if (!isAppError(joinedError) || joinedError.code !== "campaign_not_found") throw joinedError;
    const each: Campaign[] = [];
    for (const ref of refs) each.push(await resolveCampaign(client, org, ref));
    const unique = new Map(each.map((c) => [c.id, c]));
    return [...unique.values()];
  }
}

function report(
  ctx: CommandContext,
  org: LinkedOrg,
  action: SwitchAction,
  verb: string,
  results: SwitchResult[],
) {
  const blocks: Block[] = [];
  let tone: "success" | "warning" | "info" = "success";
  for (const r of results) {
    const name = r.campaign.name;
    if (r.outcome === "already") {
      tone = results.length === 1 ? "info" : tone;
      blocks.push({ type: "text", text: `${name} is already ${r.campaign.status}; nothing to do.` });
    } else if (r.outcome === "timeout") {
      tone = "warning";
      blocks.push({
        type: "text",
        text: `${name}: Genesys accepted the stop, but after ${durationText(r.elapsedMs)} it is still ${r.campaign.status}.`,
        tone: "warning",
      });
      blocks.push({
        type: "hint",
        text: "Check again in a moment:",
        command: `status ${org.slug} "${name}"`,
      });
    } else {
      const path =
        action === "pause"
          ? `${r.startedStatus} → stopping → ${r.campaign.status}`
          : `${r.startedStatus} → ${r.campaign.status}`;
      const how =
        r.via === "put"
          ? " (via a versioned update: the OAuth client has edit but not the dedicated permission)"
          : "";
      blocks.push({
        type: "text",
        text: `${verb}d ${name} in ${org.slug}: ${path} in ${durationText(r.elapsedMs)}${how}.`,
        tone: "success",
      });
    }
  }
  if (results.some((r) => r.outcome === "changed")) {
    blocks.push({
      type: "text",
      text: `Requested by ${ctx.invocation.actor.displayName}; recorded in the audit log.`,
    });
  }
  return reply({
    tone,
    visibility: results.some((r) => r.outcome !== "already") ? "channel" : "ephemeral",
    blocks,
  });
}
