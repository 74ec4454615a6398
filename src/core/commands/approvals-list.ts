import type { CommandDefinition } from "../command.js";
import { ago, durationText } from "../format.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import { reply } from "../reply.js";

export const approvalsCommand: CommandDefinition = {
  name: "approvals",
  access: PERMISSION_CATALOGUE.approvals,
  summary: "List pending approval requests",
  args: [{ name: "org", optional: true }],
  examples: ["approvals", "approvals acme"],
  async run({ services, args, invocation }) {
    const org = args.positionals[0]?.toLowerCase();
    const now = services.clock.now();
    const actor = invocation.actor.id;
    // Requests name campaigns and reasons: show them only to people who work in that org.
    const mine = new Set((await services.identities.forIdentity(actor)).map((m) => m.orgSlug));
    const pending = (await services.approvals.listPending(org)).filter(
      (r) => r.expiresAt > now && (services.isAdmin(actor) || mine.has(r.orgSlug) || r.requester === actor),
    );
    if (pending.length === 0) {
      return reply({ blocks: [{ type: "text", text: `No pending requests${org ? ` in ${org}` : ""}.` }] });
    }
    return reply({
      title: `${pending.length} pending request${pending.length === 1 ? "" : "s"}`,
      blocks: [
        {
          type: "table",
          columns: [
            { header: "Id" },
            { header: "Org" },
            { header: "Action" },
            { header: "Campaigns" },
            { header: "Requested by" },
            { header: "Votes" },
            { header: "Expires" },
          ],
          rows: pending.map((r) => [
            r.id,
            r.orgSlug,
            r.action,
            r.targets.map((t) => t.campaignName).join(", "),
            `${r.requesterName} ${ago(r.createdAt, now)}`,
            `${r.approvals.length}/${r.approversRequired}`,
            `in ${durationText(r.expiresAt.getTime() - now.getTime())}`,
          ]),
        },
        { type: "hint", text: "Decide one with:", command: "approve <id>  /  deny <id> [reason]" },
      ],
    });
  },
};
