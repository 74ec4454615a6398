/**
 * Audit intents that no outcome closes: the process died between the Genesys call and the outcome
 * row. At start-up of serve and the shell (then every few minutes), and when the campaign
 * is next touched (pause, resume, status), Switchboard reads the campaign in Genesys and appends one
 * "outcome reconciled: <status>" row closing the intent. A claim row keyed by the intent id makes
 * that happen exactly once across processes and replicas. An intent younger than the grace period
 * may belong to a switch still in flight elsewhere, so it is left alone until it is older.
 */
import { randomUUID } from "node:crypto";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { AuditEntry } from "../ports/audit-log.js";
import type { CoreServices } from "../services.js";
import { resolveOrg } from "./resolve-org.js";

/** Where a pause leaves a campaign (or is taking it). */
const NOT_DIALING: ReadonlySet<string> = new Set([
  "off",
  "stopping",
  "complete",
  "forced_off",
  "forced_stopping",
  "invalid",
]);

export interface ReconcileOptions {
  orgSlug?: string;
  /** A campaign id: only its intents (the campaign is being touched). */
  target?: string;
  owner?: string;
  /** Intents younger than this are left alone (default: longer than any one switch can take). */
  graceMs?: number;
}

export async function reconcileOpenIntents(
  services: CoreServices,
  options: ReconcileOptions = {},
): Promise<AuditEntry[]> {
  const now = services.clock.now();
  const graceMs = options.graceMs ?? Math.max(5 * 60_000, 3 * services.settings.stopWaitMs);
  const open = await services.audit.openIntents({
    before: new Date(now.getTime() - graceMs),
    ...(options.orgSlug ? { orgSlug: options.orgSlug } : {}),
    ...(options.target ? { target: options.target } : {}),
  });
  const owner = options.owner ?? randomUUID();
  const written: AuditEntry[] = [];
  for (const intent of open) {
    if (!intent.orgSlug || !intent.target || (intent.action !== "pause" && intent.action !== "resume"))
      continue;
    const status = await currentStatus(services, intent.orgSlug, intent.target);
    // Genesys or the org link is unavailable now: try again on the next poll or touch.
    if (status === undefined) continue;
    if (!(await services.audit.claimReconciliation(intent.id, owner, services.clock.now()))) continue;
    const reached = intent.action === "pause" ? NOT_DIALING.has(status) : status === "on";
    written.push(
      await services.audit.append({
        actor: intent.actor,
        genesysIdentity: intent.genesysIdentity ?? null,
        platform: intent.platform,
        channel: intent.channel,
        orgSlug: intent.orgSlug,
        action: intent.action,
        target: intent.target,
        targetName: intent.targetName ?? null,
        reason: intent.reason ?? null,
        outcome: reached ? "success" : "failure",
        intentId: intent.id,
        detail: {
          reconciled: true,
          status,
          note: `outcome reconciled: ${status}`,
          intentAt: intent.at.toISOString(),
        },
      }),
    );
  }
  return written;
}

/** The campaign's status in Genesys now, `deleted` when it is gone, undefined when it cannot be read. */
async function currentStatus(
  services: CoreServices,
  slug: string,
  campaignId: string,
): Promise<string | undefined> {
  try {
    const org = await resolveOrg(services.orgs, slug);
    const client = await services.genesys.forOrg(org);
    return (await client.getCampaign(campaignId)).status;
  } catch (e) {
    if (isGenesysError(e) && e.status === 404) return "deleted";
    return undefined;
  }
}
