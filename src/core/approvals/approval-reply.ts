import { ago, durationText } from "../kernel/format.js";
import { type Action, type Block, type Reply, reply } from "../kernel/reply.js";
import type { ApprovalRequest } from "../ports/approval-store.js";

/** What a pending request looks like in the channel: what will change, who asked, why, the buttons. */
/**
 * Campaigns one approval message lists: what Slack and a Teams card both show whole. A longer
 * request is paged (`approval show ID --page N`) and Approve comes only on its last page, so nobody
 * approves campaigns they were not shown.
 */
const APPROVAL_PAGE_ROWS = 20;

export function approvalRequestReply(request: ApprovalRequest, now: Date, page = 1): Reply {
  const verb = request.action === "resume" ? "resume" : request.action;
  const names = request.targets.map((t) => t.campaignName);
  const pages = Math.max(1, Math.ceil(names.length / APPROVAL_PAGE_ROWS));
  const current = Math.min(Math.max(1, page), pages);
  const from = (current - 1) * APPROVAL_PAGE_ROWS;
  const shown = request.targets.slice(from, from + APPROVAL_PAGE_ROWS);
  const last = current === pages;
  const paging: Block[] = [];
  if (pages > 1) {
    paging.push({
      type: "text",
      text: `Campaigns ${from + 1}–${from + shown.length} of ${names.length} (page ${current} of ${pages}).${last ? "" : " Approve comes on the last page, once every campaign has been shown."}`,
    });
    const nav: Action[] = [];
    if (current > 1)
      nav.push({
        id: "page-previous",
        label: "◂ Previous",
        value: `approval show ${request.id} --page ${current - 1}`,
      });
    if (!last)
      nav.push({
        id: "page-next",
        label: "Next ▸",
        value: `approval show ${request.id} --page ${current + 1}`,
      });
    paging.push({ type: "actions", actions: nav });
  }
  const blocks: Block[] = [
    {
      type: "text",
      text: `${request.requesterName} asks to ${verb} ${names.length === 1 ? names[0] : `${names.length} campaigns`} in ${request.orgSlug}.`,
    },
    {
      type: "table",
      columns: [{ header: "Campaign" }, { header: "Now", kind: "status" }, { header: "Division" }],
      rows: shown.map((t) => [t.campaignName, t.status, t.division.name]),
    },
    ...paging,
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
        ...(last ? [approveAction(request, verb, names.length)] : []),
        { id: "deny", label: "Deny", style: "danger", value: `deny ${request.id}`, requestId: request.id },
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

function approveAction(request: ApprovalRequest, verb: string, count: number): Action {
  return {
    id: "approve",
    label: "Approve",
    style: "primary",
    value: `approve ${request.id}`,
    requestId: request.id,
    // Approving a bulk request changes many campaigns at once: ask first.
    ...(count > 1
      ? {
          confirm: {
            title: `Approve: ${verb} ${count} campaigns?`,
            text: `This ${verb === "pause" ? "stops dialing of" : "starts dialing"} ${count} campaigns in ${request.orgSlug} as ${request.requesterName} asked (request ${request.id}).`,
            yes: `Yes, ${verb} ${count}`,
            no: "Not yet",
          },
        }
      : {}),
  };
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
