import { approvalRequestReply } from "../approvals/approval-reply.js";
import { bulkSwitch } from "../bulk/bulk-switch.js";
import { parseSelection } from "../bulk/selector.js";
import { pauseCampaign, resumeCampaign } from "../campaigns/pause-resume.js";
import type { SwitchAction, SwitchResult } from "../campaigns/switch-campaign.js";
import type { CommandDefinition } from "../dispatch/command.js";
import type { FlagSpecs } from "../dispatch/flags.js";
import { durationText } from "../kernel/format.js";
import type { Campaign } from "../kernel/model.js";
import { type Block, reply } from "../kernel/reply.js";
import { requestedBy } from "../kernel/requested.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import type { LinkedOrg } from "../ports/org-store.js";

const WEEK_MS = 7 * 86_400_000;

function flagsFor(action: SwitchAction): FlagSpecs {
  return {
    reason: {
      type: "string",
      valueName: "TEXT",
      description: "Why: recorded in the audit log and shown in status",
    },
    all: {
      type: "boolean",
      description:
        action === "pause"
          ? "Every campaign you may see in the org (or in --orgs); the list is shown before anything changes"
          : "Undo the org's most recent bulk pause: the campaigns it paused that are still off; the list is shown first",
    },
    match: {
      type: "string",
      valueName: "GLOB",
      description:
        'Campaigns whose name matches, e.g. "Spring*" (* any text, ? one character, any case); the list is shown first',
    },
    orgs: {
      type: "string",
      valueName: "ORG,ORG",
      description: "With --all or --match: several orgs at once (then no <org> argument)",
    },
    yes: {
      type: "boolean",
      description: "Confirm a bulk action at once (exec, scripts); approvals the policy asks for still apply",
    },
    ...(action === "pause"
      ? {
          for: {
            type: "duration" as const,
            valueName: "DURATION",
            max: WEEK_MS,
            description:
              "Resume automatically after this long (45m, 2h, up to 7d). When resume needs approval (the default), an approval request is filed in the channel then, instead of resuming",
          },
        }
      : {
          job: {
            type: "string" as const,
            valueName: "ID",
            description:
              "Undo that bulk pause: resume the campaigns it paused that are still off (without it, --all/--match undo the org's most recent bulk pause)",
          },
        }),
  };
}

/**
 * The `pause` and `resume` commands: their arguments and declared access, then the use case
 * (campaigns/pause-resume.ts for named campaigns; a bulk selector, `--all`, `--match`, `--orgs`,
 * goes to the bulk path: plan, show, confirm or approve, then run as a job), then the reply.
 */
export function switchCommand(action: SwitchAction): CommandDefinition {
  const verb = action === "pause" ? "Pause" : "Resume";
  return {
    name: action,
    access: PERMISSION_CATALOGUE[action],
    summary:
      action === "pause"
        ? "Stop dialing campaigns (waits until Genesys reports them off); --all/--match for many, --for to resume later"
        : "Start dialing campaigns again (approval by default); --all/--match undo the last bulk pause",
    args: [
      { name: "org", kind: "org", optional: true },
      { name: "campaign", kind: "campaign", optional: true, variadic: true },
    ],
    usage:
      action === "pause"
        ? "pause <org> <campaign…|--all|--match GLOB> [--orgs ORG,ORG] [--reason TEXT] [--for DURATION] [--yes]"
        : "resume <org> <campaign…|--all|--match GLOB> [--orgs ORG,ORG] [--job ID] [--reason TEXT] [--yes]",
    flags: flagsFor(action),
    examples:
      action === "pause"
        ? [
            'pause acme "Spring Promo" --reason "DNC list stale"',
            'pause acme "Spring Promo" "Summer Sale"',
            'pause acme "Spring Promo" --for 45m',
            'pause acme --match "Spring*" --reason "bad list"',
            "pause --orgs acme,globex --all --yes",
          ]
        : [
            'resume acme "Spring Promo" --reason "list fixed"',
            "resume acme --all",
            "resume --job B7K2QX",
            'resume acme --match "Spring*"',
          ],
    notes:
      action === "resume"
        ? [
            "resume --all / --match undo a bulk pause: they resume only the campaigns acme's most recent bulk pause paused that are still off (--job ID names another pause). Campaigns that were off before it, and complete or invalid ones, are listed as not resumed.",
            'A complete campaign starts only when named on its own (resume acme "Name"): Genesys then dials its list again from the start (recycles).',
          ]
        : undefined,
    async run(ctx) {
      const selection = parseSelection(action, ctx.args);
      const { flags } = ctx.args;
      const reason = typeof flags.reason === "string" ? flags.reason.trim() || undefined : undefined;
      const forMs = typeof flags.for === "number" ? flags.for : undefined;
      const requested = requestedBy(ctx.invocation);
      if (selection.kind === "bulk")
        return bulkSwitch(
          ctx.services,
          requested,
          { action, selection, reason, yes: flags.yes === true, forMs },
          ctx.progress,
        );
      const input = {
        orgSlug: selection.org,
        refs: selection.refs,
        viewable: ctx.access?.viewable ?? [],
        reason,
      };
      const outcome =
        action === "pause"
          ? await pauseCampaign(ctx.services, requested, { ...input, forMs }, ctx.progress)
          : await resumeCampaign(ctx.services, requested, input, ctx.progress);
      const restart = outcome.restarting ? [restartWarning(outcome.restarting)] : [];
      if (outcome.kind === "approval") {
        const request = approvalRequestReply(outcome.request, ctx.services.clock.now());
        if (forMs === undefined) return { ...request, blocks: [...restart, ...request.blocks] };
        // The request has no room for a schedule; saying so beats silently dropping it.
        const note: Block = {
          type: "text",
          tone: "warning",
          text: "--for is not kept with an approval request: once it is approved, pause again with --for, or resume by hand.",
        };
        return { ...request, blocks: [...request.blocks, note] };
      }
      const answer = report(requested.requesterName, outcome.org, action, verb, outcome.results);
      return { ...answer, blocks: [...restart, ...answer.blocks, ...outcome.scheduled] };
    },
  };
}

function restartWarning(campaign: Campaign): Block {
  return {
    type: "text",
    tone: "warning",
    text: `${campaign.name} is complete: resuming it makes Genesys start the campaign over and dial its contact list again from the start (recycling it), including contacts already called.`,
  };
}

function report(
  requesterName: string,
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
  const changed = results.filter((r) => r.outcome === "changed");
  const unrecorded = results.filter((r) => r.outcome !== "already" && r.outcomeRecorded === false);
  if (changed.length && !unrecorded.length) {
    blocks.push({
      type: "text",
      text: `Requested by ${requesterName}; recorded in the audit log.`,
    });
  } else if (unrecorded.length) {
    // Say what is known: the change happened in Genesys; only its intent row is in the audit log.
    tone = "warning";
    const names = unrecorded.map((r) => r.campaign.name).join(", ");
    blocks.push({
      type: "text",
      tone: "warning",
      text: `Requested by ${requesterName}. ${action === "pause" ? "Paused" : "Resumed"} in Genesys, but the audit outcome for ${names} could not be written: the log holds the intent only, and it will be reconciled.`,
    });
  }
  return reply({
    tone,
    visibility: results.some((r) => r.outcome !== "already") ? "channel" : "ephemeral",
    blocks,
  });
}
