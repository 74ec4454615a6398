/**
 * Runs a bulk job's items: orgs in parallel, a few campaigns at a time per org (the org client's
 * rate limiter keeps the org under Genesys' limit), each item claimed in the database before it is
 * touched so that however many executors (a double click, a re-run, another replica, a crashed
 * process's leftovers) go after one job, each campaign is switched once. Each switch is the single
 * pause/resume (audited intent and outcome). A failure is that item's result, never the job's end;
 * credentials refused mid-run fail the rest of that org at once, with the reason, and no other org.
 */
import { randomUUID } from "node:crypto";
import { RateLimitBudget } from "../campaigns/rate-limit-wait.js";
import { resolveOrg } from "../campaigns/resolve-org.js";
import { isAlready, switchCampaign } from "../campaigns/switch-campaign.js";
import { isAppError } from "../kernel/errors.js";
import { durationText } from "../kernel/format.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { ChatIdentity } from "../kernel/model.js";
import { asPlatform, type Progress, type Requested } from "../kernel/requested.js";
import type { BulkItem, BulkJob, ItemOutcome } from "../ports/bulk-store.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { orgsOf } from "./job-reply.js";
import { ProgressThrottle } from "./progress-throttle.js";

export interface ExecuteOptions {
  /** Which of the job's items this run may take (confirmed ones, one approval's…). */
  eligible(item: BulkItem): boolean;
  /** Also take items that failed before (`bulk continue`). */
  retryFailed: boolean;
  /** Who completed each approval request the items run under (by request id), for the audit rows. */
  approvers?: ReadonlyMap<string, ChatIdentity>;
  /** Stops claiming new items (items already claimed finish). */
  signal?: AbortSignal;
}

export interface ExecuteResult {
  /** The job as the database has it after the run. */
  job: BulkJob;
  /** Items this run switched (for `--for`: what to resume later). */
  changed: BulkItem[];
  elapsedMs: number;
}

const PAST = { pause: "paused", resume: "resumed" } as const;

/**
 * What a job run needs besides the job: the services, and where its progress goes (a chat command's
 * message, or nowhere). A command's context is one; a job needs nothing else of the chat.
 */
export interface JobRunner {
  services: CoreServices;
  progress: Progress;
}

export async function executeJob(
  { services, progress: progressTo }: JobRunner,
  job: BulkJob,
  options: ExecuteOptions,
): Promise<ExecuteResult> {
  const { clock, settings } = services;
  const started = clock.now().getTime();
  const owner = randomUUID();
  // Longer than any one switch can take (the wait for `off`, retries): only a dead executor's claim is this old.
  const leaseMs = Math.max(5 * 60_000, 3 * settings.stopWaitMs);
  const claimable = (i: BulkItem) =>
    i.status === "pending" || i.status === "running" || (options.retryFailed && i.status === "failed");
  const candidates = job.items.filter((i) => claimable(i) && options.eligible(i));
  // Progress names the orgs this run acts in: an org still waiting for (or denied) approval is not one.
  const progress = new ProgressThrottle(
    services,
    progressTo,
    { ...job, orgs: orgsOf(candidates) },
    candidates.length,
  );
  const changed: BulkItem[] = [];
  // The requester's identity and channel go on every audit row, whoever confirmed, approved or
  // continued the job; the wait for `off` reports nothing, since the job reports its own progress.
  const requested: Requested = {
    requester: job.requester,
    requesterName: job.requesterName,
    platform: asPlatform(job.platform),
    channel: job.channel,
  };
  // A long Retry-After is waited out (and shown in progress) rather than failing the item at once.
  const rateLimit = new RateLimitBudget(clock, settings.retryBudgetMs);
  await progress.start();

  const runOrg = async (slug: string, items: BulkItem[]) => {
    let org: LinkedOrg | undefined;
    let client: GenesysOrgClient | undefined;
    // Set once the org's credentials are refused: every later item fails at once with this reason.
    let dead: string | undefined;
    try {
      org = await resolveOrg(services.orgs, slug);
      client = await services.genesys.forOrg(org);
    } catch (e) {
      dead = `not attempted: ${problemText(e)}`;
    }
    const queue = [...items];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (options.signal?.aborted) return;
        const now = clock.now();
        const item = await services.bulk.claimItem(job.id, next.seq, owner, now, {
          staleBefore: new Date(now.getTime() - leaseMs),
          retryFailed: options.retryFailed,
        });
        if (!item) {
          progress.skip(); // another executor has it (or finished it)
          continue;
        }
        let outcome: ItemOutcome;
        if (dead || !org || !client) outcome = { status: "failed", result: "failed", detail: dead ?? null };
        else {
          const ran = await runItem(item, org, client);
          outcome = ran;
          if (ran.credentials)
            dead = `not attempted: ${org.slug}'s credentials were refused by Genesys (${ran.credentials}). Fix the link (org test ${org.slug}), then: bulk continue ${job.id}`;
        }
        const kept = await services.bulk.finishItem(job.id, item.seq, owner, outcome, clock.now());
        if (kept && outcome.status === "done" && outcome.result === PAST[job.action]) changed.push(item);
        progress.finished(outcome.status === "failed");
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.bulkConcurrency, items.length) }, worker));
  };

  const runItem = async (
    item: BulkItem,
    org: LinkedOrg,
    client: GenesysOrgClient,
  ): Promise<ItemOutcome & { credentials?: string }> => {
    try {
      return await rateLimit.run(
        () => switchItem(item, org, client),
        (until) => progress.waiting(until),
      );
    } catch (e) {
      const credentials = credentialFailure(e);
      if (!credentials) return { status: "failed", result: "failed", detail: problemText(e) };
      // The change may have gone through before the refusal (the wait for `off` is a later call).
      const detail = `${problemText(e)}: ${org.slug}'s credentials were refused; check it with: status ${org.slug} "${item.campaignName}"`;
      return { status: "failed", result: "failed", detail, credentials };
    }
  };

  /** One attempt at one item; throws what Genesys answered so the caller can wait or fail it. */
  const switchItem = async (
    item: BulkItem,
    org: LinkedOrg,
    client: GenesysOrgClient,
  ): Promise<ItemOutcome> => {
    // The plan may be minutes old (confirmation, approval): act on the campaign as it is now.
    const campaign = await client.getCampaign(item.campaignId);
    if (item.approvalId && campaign.version !== item.version) {
      return {
        status: "skipped",
        result: "changed",
        detail: `changed since the request (version ${item.version} → ${campaign.version}; now ${campaign.status}); not ${PAST[job.action]}`,
      };
    }
    if (isAlready(job.action, campaign.status))
      return { status: "done", result: `already ${campaign.status}`, detail: null };
    // The plan may be old (`bulk continue`, an approval): the requester must still be allowed today.
    const allowed = await services.gate.check(job.requester, org, client, job.action, campaign.division);
    if (!allowed.allowed)
      return {
        status: "failed",
        result: "refused",
        detail: `${job.requesterName} may no longer ${job.action} here: ${allowed.message}`,
      };
    if (job.action === "resume" && campaign.status === "stopping")
      return {
        status: "failed",
        result: "failed",
        detail: "still stopping; Genesys starts it only once it is off",
      };
    const r = await switchCampaign(services, requested, {
      org,
      client,
      campaign,
      action: job.action,
      reason: job.reason ?? undefined,
      genesysIdentity: allowed.genesysIdentity,
      bulkJobId: job.id,
      ...(item.approvalId
        ? { approvalId: item.approvalId, approvedBy: options.approvers?.get(item.approvalId) }
        : {}),
    });
    const path =
      r.outcome === "timeout"
        ? `accepted; still ${r.campaign.status} after ${durationText(r.elapsedMs)}`
        : `${r.startedStatus} → ${job.action === "pause" && r.startedStatus !== "stopping" ? "stopping → " : ""}${r.campaign.status} in ${durationText(r.elapsedMs)}${r.via === "put" ? " (versioned update)" : ""}`;
    return { status: "done", result: PAST[job.action], detail: path };
  };

  await Promise.all(
    orgsOf(candidates).map((slug) =>
      runOrg(
        slug,
        candidates.filter((i) => i.orgSlug === slug),
      ),
    ),
  );
  await progress.settled();
  const after = (await services.bulk.get(job.id)) ?? job;
  return { job: after, changed, elapsedMs: clock.now().getTime() - started };
}

/** `401 bad.credentials`… when Genesys refused the org's credentials themselves (revoked, rotated). */
function credentialFailure(e: unknown): string | undefined {
  if (isGenesysError(e) && e.status === 401) return `${e.status} ${e.code}`;
  if (isAppError(e) && (e.code === "org_mismatch" || e.code === "org_broken")) return e.userMessage;
  return undefined;
}

function problemText(e: unknown): string {
  if (isAppError(e)) return e.userMessage;
  if (isGenesysError(e)) {
    const needs = e.requiredPermissions.length ? ` (needs ${e.requiredPermissions.join(" or ")})` : "";
    return `Genesys ${e.status} ${e.code}${needs}${e.contextId ? `; contextId ${e.contextId}` : ""}`;
  }
  return e instanceof Error ? e.message : String(e);
}
