/**
 * Approvals a crash left behind: approved but never started (the process died between the vote and
 * the change), or executing with a runner that is gone. Run at start-up of `serve` and the shell and
 * then periodically with the scheduler; each stuck request is claimed with one conditional update,
 * so across replicas exactly one recovery handles it. It is executed (with every execution re-check)
 * or failed with a reason; either way audited. Nothing stays approved forever.
 */
import { randomUUID } from "node:crypto";
import { resolveOrg } from "../campaigns/resolve-org.js";
import { isAlready, type SwitchAction } from "../campaigns/switch-campaign.js";
import { AppError } from "../kernel/errors.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import { asPlatform, noProgress, type Requested } from "../kernel/requested.js";
import type { ApprovalRequest } from "../ports/approval-store.js";
import type { CoreServices } from "../services.js";
import { execute } from "./decide.js";

export interface RecoveryOptions {
  /** An approved request younger than this is still being started by its voter's process. */
  approvedGraceMs?: number;
  /** An executing claim older than this belongs to a dead runner (longer than any one change takes). */
  leaseMs?: number;
  owner?: string;
}

export type Recovered = { id: string; status: string; reason: string | null };

export async function recoverStuckApprovals(
  services: CoreServices,
  options: RecoveryOptions = {},
): Promise<Recovered[]> {
  const owner = options.owner ?? randomUUID();
  const now = services.clock.now();
  const leaseMs = options.leaseMs ?? Math.max(5 * 60_000, 3 * services.settings.stopWaitMs);
  const stuck = await services.approvals.listStuck(
    new Date(now.getTime() - (options.approvedGraceMs ?? 60_000)),
    new Date(now.getTime() - leaseMs),
  );
  const out: Recovered[] = [];
  for (const found of stuck) {
    const claimed = await services.approvals.claimStuck(found, owner, services.clock.now());
    if (!claimed) continue; // another replica took it
    const final = await recoverOne(services, claimed, found.status === "executing");
    out.push({ id: claimed.id, status: final?.status ?? "unknown", reason: final?.statusReason ?? null });
  }
  return out;
}

async function recoverOne(
  services: CoreServices,
  request: ApprovalRequest,
  wasRunning: boolean,
): Promise<ApprovalRequest | null> {
  const approver = request.decidedBy ?? request.approvals.at(-1)?.approver ?? request.requester;
  // The change runs on the approver's vote, as when their own process runs it.
  const approved: Requested = {
    requester: approver,
    requesterName: approver,
    platform: asPlatform(request.platform),
    channel: request.channel,
  };
  const audit = (outcome: "success" | "failure" | "info", detail: Record<string, unknown>) =>
    services.audit.append({
      actor: "system:recovery",
      platform: request.platform,
      channel: request.channel,
      orgSlug: request.orgSlug,
      action: `${request.action}.recover`,
      target: request.targets.length === 1 ? (request.targets[0]?.campaignId ?? null) : null,
      targetName: request.targets.map((t) => t.campaignName).join(", "),
      outcome,
      detail: { approvalId: request.id, ...detail },
    });
  const fail = async (why: string) => {
    const failed = await services.approvals.transition(request.id, ["executing"], "failed", {
      at: services.clock.now(),
      statusReason: why,
    });
    await audit("failure", { failed: why });
    return failed;
  };
  try {
    await audit("info", { recovering: wasRunning ? "executing" : "approved" });
    if (services.clock.now().getTime() >= request.expiresAt.getTime())
      return await fail(
        "approved, but Switchboard stopped before running it and it has since expired; ask again",
      );
    const org = await resolveOrg(services.orgs, request.orgSlug);
    const client = await services.genesys.forOrg(org);
    if (wasRunning) {
      // The dead runner may have made the change already: if so, record that instead of redoing it.
      const now = await Promise.all(request.targets.map((t) => client.getCampaign(t.campaignId)));
      if (now.every((c) => isAlready(request.action as SwitchAction, c.status))) {
        const done = await services.approvals.transition(request.id, ["executing"], "executed", {
          at: services.clock.now(),
          statusReason: "found done after a restart",
        });
        await audit("success", { found: "done after a restart" });
        return done;
      }
    }
    await execute(services, approved, { request, org, client, claimed: true }, noProgress);
    return await services.approvals.get(request.id);
  } catch (e) {
    const why = isGenesysError(e)
      ? `${e.status} ${e.code}`
      : e instanceof AppError
        ? e.userMessage
        : String(e);
    return (await fail(`recovery failed: ${why}`)) ?? (await services.approvals.get(request.id));
  }
}
