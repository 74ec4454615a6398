import { approvalRequestReply, decidedLine } from "../approvals/approval-reply.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { AppError } from "../kernel/errors.js";
import { ago, durationText } from "../kernel/format.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import { viewableChecker } from "../permissions/viewable-targets.js";
import type { ApprovalRequest } from "../ports/approval-store.js";

export const approvalsCommand: CommandDefinition = {
  name: "approvals",
  access: PERMISSION_CATALOGUE.approvals,
  summary: "List pending approval requests",
  args: [{ name: "org", kind: "org", optional: true }],
  examples: ["approvals", "approvals acme"],
  async run({ services, args, invocation }) {
    const org = args.positionals[0]?.toLowerCase();
    const now = services.clock.now();
    const actor = invocation.actor.id;
    // Requests name campaigns and reasons: shown to their requester, admins, and people who may view
    // every campaign they name (mapped in the org is not enough: issue 11 row 9).
    const mayView = viewableChecker(services, actor);
    const pending: ApprovalRequest[] = [];
    for (const r of await services.approvals.listPending(org)) {
      if (r.expiresAt <= now) continue;
      const shown =
        services.isAdmin(actor) ||
        r.requester === actor ||
        (await mayView(
          r.orgSlug,
          r.targets.map((t) => t.division),
        ));
      if (shown) pending.push(r);
    }
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

/** `approval show <id> [--page N]`: one request, paged as its message is (Approve on the last page). */
export const approvalShowCommand: CommandDefinition = {
  name: "approval show",
  access: PERMISSION_CATALOGUE["approval show"],
  summary: "One approval request, page by page, with Approve on its last page",
  args: [{ name: "request-id" }],
  flags: {
    page: {
      type: "integer",
      valueName: "N",
      min: 1,
      max: 10_000,
      description: "which page of its campaigns",
    },
  },
  examples: ["approval show K7Q2MX --page 2"],
  async run({ services, args, invocation }) {
    const id = args.positionals[0] ?? "";
    const request = id.trim() ? await services.approvals.get(id) : null;
    const actor = invocation.actor.id;
    const shown =
      request !== null &&
      (services.isAdmin(actor) ||
        request.requester === actor ||
        (await viewableChecker(services, actor)(
          request.orgSlug,
          request.targets.map((t) => t.division),
        )));
    // A request the caller may not see reads like one that does not exist: its names stay private.
    if (!request || !shown)
      throw new AppError("usage", `There is no approval request ${id || "(none given)"} you may see.`, {
        hint: "See the pending ones with: approvals",
      });
    const now = services.clock.now();
    const page = typeof args.flags.page === "number" ? args.flags.page : 1;
    if (request.status !== "pending" || request.expiresAt <= now)
      return reply({ blocks: [{ type: "text", text: decidedLine(request, now) }] });
    return approvalRequestReply(request, now, page);
  },
};
