import { ago, durationText } from "../format.js";
import type { ApprovalRequest } from "../ports.js";
import { type Block, type Reply, reply } from "../reply.js";

/** What a pending request looks like in the channel: what will change, who asked, why, the buttons. */
export function approvalRequestReply(request: ApprovalRequest, now: Date): Reply {
  const verb = request.action === "resume" ? "resume" : request.action;
  const names = request.targets.map((t) => t.campaignName);
  const blocks: Block[] = [
    {
      type: "text",
      text: `${request.requesterName} asks to ${verb} ${names.length === 1 ? names[0] : `${names.length} campaigns`} in ${request.orgSlug}.`,
    },
    {
      type: "table",
      columns: [{ header: "Campaign" }, { header: "Now", kind: "status" }, { header: "Division" }],
      rows: request.targets.map((t) => [t.campaignName, t.status, t.division.name]),
    },
    {
      type: "fields",
      fields: [
        { label: "Reason", value: request.reason ?? "none given" },
        {
          label: "Needs",
          value: `${request.approversRequired} approval${request.approversRequired === 1 ? "" : "s"} from someone other than ${request.requesterName}${request.approverPermission ? ` holding ${request.approverPermission}` : ""}${request.approverMustBeUser ? ", mapped to their own Genesys user" : ""}`,
        },
        { label: "Expires", value: `in ${durationText(request.expiresAt.getTime() - now.getTime())}` },
        { label: "Request", value: request.id },
      ],
    },
    {
      type: "actions",
      actions: [
        {
          id: "approve",
          label: "Approve",
          style: "primary",
          value: `approve ${request.id}`,
          // Approving a bulk request changes many campaigns at once: ask first.
          ...(names.length > 1
            ? {
                confirm: {
                  title: `Approve: ${verb} ${names.length} campaigns?`,
                  text: `This ${verb === "pause" ? "stops dialing of" : "starts dialing"} ${names.length} campaigns in ${request.orgSlug} as ${request.requesterName} asked (request ${request.id}).`,
                  yes: `Yes, ${verb}`,
                  no: "Not yet",
                },
              }
            : {}),
        },
        { id: "deny", label: "Deny", style: "danger", value: `deny ${request.id}` },
      ],
    },
    { type: "hint", text: "Or type:", command: `approve ${request.id}  /  deny ${request.id} [reason]` },
  ];
  return reply({
    tone: "info",
    title: `Approval needed: ${verb} in ${request.orgSlug}`,
    visibility: "channel",
    blocks,
  });
}

/** One line for a decided request: who, what, when. */
export function decidedLine(request: ApprovalRequest, now: Date): string {
  const when = request.decidedAt ? ` ${ago(request.decidedAt, now)}` : "";
  // A requester's own "deny" withdraws the request: nobody denied it.
  if (request.status === "withdrawn") {
    const as =
      request.decidedBy && request.decidedBy !== request.requester ? ` (as ${request.decidedBy})` : "";
    return `Request ${request.id} was withdrawn by its requester, ${request.requesterName}${as}${when}.`;
  }
  const by = request.decidedBy ? ` by ${request.decidedBy}` : "";
  const why = request.statusReason ? ` (${request.statusReason})` : "";
  return `Request ${request.id} is ${request.status}${by}${when}${why}.`;
}
