/**
 * What an alert says: one message per incident, rewritten as it changes. Buttons run commands the
 * clicker could type (`resume`, `why … dialing`, `mute`), so every rule of those commands applies.
 */
import { quoteWord } from "../dispatch/quote.js";
import type { Action, Block, Reply } from "../kernel/reply.js";
import type { AlertIncident, IncidentKind } from "../ports/alert-store.js";

const HEADLINE: Record<IncidentKind, string> = {
  stopped: "stopped dialing: changed outside Switchboard",
  error: "stopped dialing: Genesys reports errors",
  complete: "completed: nothing left to dial",
  not_dialing: "is on but not dialing",
};

function alertButtons(incident: Pick<AlertIncident, "orgSlug" | "campaignName">): Action[] {
  const ref = `${incident.orgSlug} ${quoteWord(incident.campaignName)}`;
  return [
    // Each value is the whole command, like every button the core offers (Slack keeps the arguments).
    { id: "resume", label: "Resume", style: "primary", value: `resume ${ref}` },
    { id: "why", label: "Why", value: `why ${ref} dialing` },
    { id: "mute", label: "Mute 1 h", value: `mute ${ref} 1h` },
  ];
}

export function alertMessage(incident: AlertIncident): Reply {
  const resolved = incident.resolvedAt !== null;
  const title = resolved
    ? `${incident.campaignName} (${incident.orgSlug}) is dialing again`
    : `${incident.campaignName} (${incident.orgSlug}) ${HEADLINE[incident.kind]}`;
  const d = incident.detail;
  const fields = [
    { label: "Org", value: incident.orgSlug },
    { label: "Campaign", value: incident.campaignName },
    { label: "Status", value: incident.status, kind: "status" as const },
    ...(d.changedAt ? [{ label: "Changed (Genesys)", value: d.changedAt }] : []),
  ];
  const blocks: Block[] = [{ type: "fields", fields }];
  if (d.cause) blocks.push({ type: "text", text: d.cause });
  if (!resolved && incident.kind === "stopped")
    blocks.push({ type: "text", text: "Not through Switchboard: someone in Genesys, a rule or a schedule." });
  for (const e of d.errors ?? [])
    blocks.push({ type: "text", tone: "error", text: e.details ? `${e.error}: ${e.details}` : e.error });
  if (resolved && d.resolution) blocks.push({ type: "text", tone: "success", text: d.resolution });
  if (!resolved) blocks.push({ type: "actions", actions: alertButtons(incident) });
  return {
    ok: true,
    tone: resolved ? "success" : incident.kind === "error" ? "error" : "warning",
    title,
    blocks,
    visibility: "channel",
  };
}

/** The thread reply for a status change after the first: the timeline's newest entry. */
export function timelineNote(status: string, at: string, why?: string): Reply {
  return {
    ok: true,
    tone: "info",
    blocks: [{ type: "text", text: `${at}: ${status}${why ? ` (${why})` : ""}` }],
    visibility: "channel",
  };
}
