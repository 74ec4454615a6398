/**
 * `schedule list [org]` and `schedule cancel <id>`: the resumes `pause … --for` scheduled. Anyone who
 * works in the org sees them; cancelling is for the person who scheduled it, anyone who may resume
 * those campaigns (in each one's division), or an admin. Cancelling is audited.
 */

import { resolveOrg } from "../campaigns/resolve-org.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { AppError, refused } from "../kernel/errors.js";
import { ago } from "../kernel/format.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import { viewableChecker } from "../permissions/viewable-targets.js";
import type { ScheduledAction } from "../ports/schedule-store.js";
import { atText, namesOf } from "../schedule/schedule-resume.js";
import type { CoreServices } from "../services.js";

export const scheduleListCommand: CommandDefinition = {
  name: "schedule list",
  access: PERMISSION_CATALOGUE["schedule list"],
  summary: "Scheduled resumes still to run (from pause --for)",
  args: [{ name: "org", kind: "org", optional: true }],
  examples: ["schedule list", "schedule list acme"],
  async run({ services, args, invocation }) {
    const org = args.positionals[0]?.toLowerCase();
    const actor = invocation.actor.id;
    const now = services.clock.now();
    // Scheduled work names campaigns and reasons: shown to its requester, admins, and people who may
    // view every campaign it names (issue 11 row 9).
    const mayView = viewableChecker(services, actor);
    const open: ScheduledAction[] = [];
    for (const s of await services.schedules.listOpen(org)) {
      const shown =
        services.isAdmin(actor) ||
        s.requester === actor ||
        (await mayView(
          s.orgSlug,
          s.targets.map((t) => t.division),
        ));
      if (shown) open.push(s);
    }
    if (open.length === 0)
      return reply({ blocks: [{ type: "text", text: `No scheduled resumes${org ? ` in ${org}` : ""}.` }] });
    return reply({
      title: `${open.length} scheduled resume${open.length === 1 ? "" : "s"}`,
      blocks: [
        {
          type: "table",
          columns: [
            { header: "Id" },
            { header: "Org" },
            { header: "Campaigns" },
            { header: "Due" },
            { header: "Set by" },
            { header: "Status" },
          ],
          rows: open.map((s) => [
            s.id,
            s.orgSlug,
            s.targets.map((t) => t.campaignName).join(", "),
            atText(s.dueAt, now),
            `${s.requesterName} ${ago(s.createdAt, now)}`,
            s.status === "claimed" ? "running" : "waiting",
          ]),
        },
        { type: "hint", text: "Cancel one with:", command: "schedule cancel <id>" },
      ],
    });
  },
};

export const scheduleCancelCommand: CommandDefinition = {
  name: "schedule cancel",
  access: PERMISSION_CATALOGUE["schedule cancel"],
  summary: "Cancel a scheduled resume (the campaigns stay paused)",
  args: [{ name: "schedule-id" }],
  examples: ["schedule cancel S4M9QX"],
  async run({ services, args, invocation }) {
    const id = args.positionals[0] ?? "";
    const scheduled = await services.schedules.get(id);
    if (!scheduled)
      throw new AppError("usage", `There is no scheduled resume ${id}.`, {
        hint: "See them with: schedule list",
      });
    const actor = invocation.actor.id;
    const audit = (outcome: "success" | "denied", detail: Record<string, unknown> = {}) =>
      services.audit.append({
        actor,
        platform: invocation.platform,
        channel: invocation.channel.id,
        orgSlug: scheduled.orgSlug,
        action: "schedule cancel",
        target: scheduled.targets.length === 1 ? (scheduled.targets[0]?.campaignId ?? null) : null,
        targetName: namesOf(scheduled),
        outcome,
        detail: { scheduleId: scheduled.id, ...detail },
      });
    const refusal = await cancelRefusal(services, actor, scheduled);
    if (refusal) {
      await audit("denied", { missing: refusal.missing });
      throw refused(refusal.message, { hint: refusal.hint });
    }
    const now = services.clock.now();
    const cancelled = await services.schedules.cancel(scheduled.id, actor, now);
    if (!cancelled) {
      const latest = (await services.schedules.get(scheduled.id)) ?? scheduled;
      return reply({
        ok: false,
        tone: "warning",
        blocks: [
          {
            type: "text",
            text: `Scheduled resume ${latest.id} is ${latest.status === "claimed" ? "running now" : latest.status}${latest.result ? `: ${latest.result}` : ""}; it can no longer be cancelled.`,
          },
        ],
      });
    }
    await audit("success");
    return reply({
      tone: "info",
      visibility: "channel",
      blocks: [
        {
          type: "text",
          text: `${invocation.actor.displayName} cancelled scheduled resume ${scheduled.id} of ${namesOf(scheduled)} in ${scheduled.orgSlug} (was due ${atText(scheduled.dueAt, now)}). They stay paused.`,
        },
      ],
    });
  },
};

/** Null when `actor` may cancel: the requester, an admin, or someone who may resume every target. */
async function cancelRefusal(services: CoreServices, actor: string, scheduled: ScheduledAction) {
  if (actor === scheduled.requester || services.isAdmin(actor)) return null;
  const org = await resolveOrg(services.orgs, scheduled.orgSlug, { allowBroken: true });
  const client = await services.genesys.forOrg(org);
  for (const target of scheduled.targets) {
    const decision = await services.gate.check(actor, org, client, "resume", target.division);
    if (!decision.allowed)
      return {
        message: `Only ${scheduled.requesterName}, an admin, or someone who may resume ${target.campaignName} (${target.division.name}) can cancel this. ${decision.message}`,
        hint: decision.hint,
        missing: decision.missing,
      };
  }
  return null;
}
