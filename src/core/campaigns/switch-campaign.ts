import { AppError } from "../kernel/errors.js";
import { DIALING_STATUSES } from "../kernel/format.js";
import { GenesysError, isGenesysError } from "../kernel/genesys-error.js";
import type { Campaign, ChatIdentity } from "../kernel/model.js";
import { noProgress, type Progress, type Requested } from "../kernel/requested.js";
import type { NewAuditEvent } from "../ports/audit-log.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { reconcileOpenIntents } from "./reconcile-intents.js";

export type SwitchAction = "pause" | "resume";

export interface SwitchResult {
  campaign: Campaign;
  /** `changed`: Genesys accepted the change; `already`: nothing to do; `timeout`: still stopping. */
  outcome: "changed" | "already" | "timeout";
  /** Which Genesys endpoint did it: the dedicated one, or PUT with the version (edit permission). */
  via?: "stop" | "start" | "put";
  startedStatus: string;
  elapsedMs: number;
  /** False when the change was made but its audit outcome row could not be written. */
  outcomeRecorded?: boolean;
}

/** One campaign to switch, and who the change is made for beyond the requester (on every audit row). */
export interface SwitchInput {
  org: LinkedOrg;
  client: GenesysOrgClient;
  campaign: Campaign;
  action: SwitchAction;
  reason?: string;
  /** The caller's Genesys identity as the permission gate checked it (`user:<email>` / `role:<name>`). */
  genesysIdentity?: string | null;
  /** Set when an approved request is executed on the requester's behalf. */
  approvalId?: string;
  approvedBy?: ChatIdentity;
  /** Set when the change is one item of a bulk job: lets the audit rows be traced back to it. */
  bulkJobId?: string;
}

const ALREADY: Record<SwitchAction, Set<string>> = {
  pause: new Set(["off", "complete", "forced_off", "invalid"]),
  resume: new Set(["on"]),
};
/** Refuses a change Genesys would refuse anyway, before anything is recorded or requested. */
export function assertSwitchable(action: SwitchAction, campaign: Campaign, org: LinkedOrg): void {
  if (action === "resume" && campaign.status === "stopping") {
    throw new AppError(
      "conflict",
      `${campaign.name} is still stopping; Genesys will not start it until it is off.`,
      {
        hint: `Wait a moment, then check: status ${org.slug} "${campaign.name}"`,
      },
    );
  }
}

/** True when the campaign is already where `action` would take it: nothing to do, nothing to approve. */
export function isAlready(action: SwitchAction, status: string): boolean {
  return ALREADY[action].has(status);
}
const DEDICATED_PERMISSION: Record<SwitchAction, string> = {
  pause: "outbound:campaign:stop",
  resume: "outbound:campaign:start",
};

/**
 * Every pause and resume ends here, whoever asked: campaigns/pause-resume.ts (named campaigns),
 * bulk/executor.ts (a job's items) and approvals/decide.ts (an approved request).
 *
 * Pauses or resumes one campaign in Genesys, audited: an intent row before the call and an outcome
 * row after, so a crash in between leaves a visible intent with no outcome. Pause waits for
 * `stopping → off`, reporting progress on the way.
 */
export async function switchCampaign(
  services: CoreServices,
  requested: Requested,
  input: SwitchInput,
  progress: Progress = noProgress,
): Promise<SwitchResult> {
  const { org, client, campaign, action, reason, ...options } = input;
  // An earlier switch of this campaign that crashed before its outcome row is closed first.
  await reconcileOpenIntents(services, { orgSlug: org.slug, target: campaign.id }).catch(() => []);
  const t0 = services.clock.now().getTime();
  const elapsed = () => services.clock.now().getTime() - t0;
  if (isAlready(action, campaign.status)) {
    return { campaign, outcome: "already", startedStatus: campaign.status, elapsedMs: 0 };
  }
  assertSwitchable(action, campaign, org);
  let via: SwitchResult["via"];
  let outcomeRecorded = true;
  if (!(action === "pause" && campaign.status === "stopping")) {
    // The same who/where/what on every row of this action, so intent and outcome line up.
    const base = {
      actor: requested.requester,
      genesysIdentity: options.genesysIdentity ?? null,
      platform: requested.platform,
      channel: requested.channel,
      orgSlug: org.slug,
      action,
      target: campaign.id,
      targetName: campaign.name,
      reason: reason ?? null,
    };
    const approval = {
      ...(options.approvalId ? { approvalId: options.approvalId, approvedBy: options.approvedBy } : {}),
      ...(options.bulkJobId ? { bulkJobId: options.bulkJobId } : {}),
    };
    const intent = await services.audit.append({
      ...base,
      outcome: "intent",
      detail: {
        status: campaign.status,
        version: campaign.version,
        division: campaign.division.name,
        ...approval,
      },
    });
    const recordOutcome = (row: Partial<NewAuditEvent> & Pick<NewAuditEvent, "outcome">) =>
      services.audit
        .append({ ...base, intentId: intent.id, durationMs: elapsed(), ...row })
        .then(() => true)
        .catch((auditError: unknown) => {
          services.logger.error(
            { err: String(auditError), intentId: intent.id },
            "audit outcome not recorded",
          );
          return false;
        });
    try {
      via = await callGenesys(client, campaign, action);
    } catch (e) {
      await recordOutcome({
        outcome: "failure",
        contextId: isGenesysError(e) ? (e.contextId ?? null) : null,
        correlationId: isGenesysError(e) ? (e.correlationId ?? null) : null,
        detail: isGenesysError(e)
          ? { status: e.status, code: e.code, requiredPermissions: e.requiredPermissions, ...approval }
          : { error: String(e), ...approval },
      });
      throw e;
    }
    outcomeRecorded = await recordOutcome({
      outcome: "success",
      detail: { via, from: campaign.status, ...approval },
    });
  }
  if (action === "resume") {
    const now = await client.getCampaign(campaign.id).catch(() => campaign);
    return {
      campaign: now,
      outcome: "changed",
      via,
      startedStatus: campaign.status,
      elapsedMs: elapsed(),
      outcomeRecorded,
    };
  }
  return { ...(await waitUntilStopped(services, progress, org, client, campaign, via, t0)), outcomeRecorded };
}

async function callGenesys(
  client: GenesysOrgClient,
  campaign: Campaign,
  action: SwitchAction,
): Promise<"stop" | "start" | "put"> {
  try {
    if (action === "pause") await client.stopCampaign(campaign.id);
    else await client.startCampaign(campaign.id);
    return action === "pause" ? "stop" : "start";
  } catch (e) {
    // A client holding `edit` but not `stop`/`start` can still switch the campaign with a versioned PUT.
    if (
      !(e instanceof GenesysError) ||
      e.status !== 403 ||
      !e.requiredPermissions.includes(DEDICATED_PERMISSION[action])
    )
      throw e;
    try {
      await client.setCampaignStatus(campaign.id, action === "pause" ? "off" : "on");
      return "put";
    } catch (fallback) {
      if (fallback instanceof GenesysError && fallback.status === 403) {
        throw new GenesysError({
          ...fallback,
          message: `${fallback.message} (the ${action === "pause" ? "stop" : "start"} endpoint also refused: ${e.requiredPermissions.join(", ")})`,
          requiredPermissions: [...new Set([...e.requiredPermissions, ...fallback.requiredPermissions])],
          messageParams: fallback.messageParams,
        });
      }
      throw fallback;
    }
  }
}

async function waitUntilStopped(
  services: CoreServices,
  progress: Progress,
  org: LinkedOrg,
  client: GenesysOrgClient,
  campaign: Campaign,
  via: SwitchResult["via"],
  t0: number,
): Promise<SwitchResult> {
  const { clock, settings } = services;
  // The wait is for Genesys to finish stopping, so it counts from when the stop was accepted: time
  // the stop itself spent queued behind a rate limit (Retry-After) must not use the wait up before
  // the first look. t0 (the command's start) still gives the elapsed time reported.
  const stopAcceptedAt = clock.now().getTime();
  let current = await client.getCampaign(campaign.id);
  let reported = "";
  while (DIALING_STATUSES.has(current.status)) {
    if (current.status !== reported) {
      reported = current.status;
      await progress({
        ok: true,
        tone: "info",
        visibility: "channel",
        blocks: [
          {
            type: "text",
            text: `${current.name} (${org.slug}): ${current.status}… waiting for Genesys to finish stopping.`,
          },
        ],
      });
    }
    if (clock.now().getTime() - stopAcceptedAt >= settings.stopWaitMs) {
      return {
        campaign: current,
        outcome: "timeout",
        via,
        startedStatus: campaign.status,
        elapsedMs: clock.now().getTime() - t0,
      };
    }
    await clock.sleep(settings.pollIntervalMs);
    current = await client.getCampaign(campaign.id);
  }
  return {
    campaign: current,
    outcome: "changed",
    via,
    startedStatus: campaign.status,
    elapsedMs: clock.now().getTime() - t0,
  };
}
