/**
 * Turns campaign events into alerts. Each event is applied through the store's cursor, so a replay
 * (reconnect, resync, a second replica) is a no-op; a stop opens one incident per campaign, later
 * changes edit it, `on` resolves it, and a campaign flapping within `reopenWithinMs` reopens the same
 * incident. Changes Switchboard made are read from the audit log (shared by every replica), not
 * from memory: a pause/resume intent for the campaign within `switchboardWindowMs` explains an
 * `off`/`stopping`/`on`. Posting is coalesced per campaign: while a post or edit is in flight, any
 * number of further events become one more edit.
 */

import type { Clock } from "../kernel/clock.js";
import type { Logger } from "../kernel/logger.js";
import type { AlertStore, CampaignErrorNote, IncidentKind } from "../ports/alert-store.js";
import type { AuditLog } from "../ports/audit-log.js";
import type { CampaignWatch, WatchStore } from "../ports/watch-store.js";
import { alertMessage, timelineNote } from "./alert-message.js";
import type { AlertPosterRegistry, AlertTarget } from "./alert-poster.js";

/** A campaign as an event or a read reports it. */
export interface CampaignSnapshot {
  id: string;
  name: string;
  status: string;
  version: number;
  errors: CampaignErrorNote[];
  /** When Genesys says it last changed. */
  changedAt?: string;
}

export interface AlertEngineOptions {
  alerts: AlertStore;
  watches: WatchStore;
  audit: AuditLog;
  posters: AlertPosterRegistry;
  clock: Clock;
  logger: Logger;
  switchboardWindowMs?: number;
  reopenWithinMs?: number;
  onPosted?: () => void;
}

const KIND_OF: Record<string, IncidentKind> = {
  off: "stopped",
  stopping: "stopped",
  invalid: "error",
  forced_off: "error",
  forced_stopping: "error",
  complete: "complete",
};

/** Reads a `v2.outbound.campaigns.{id}` event body (the campaign, as the API returns it). */
export function campaignFromEvent(body: Record<string, unknown>): CampaignSnapshot | null {
  const { id, name, campaignStatus, version } = body;
  if (typeof id !== "string" || typeof campaignStatus !== "string" || typeof version !== "number")
    return null;
  const errors = Array.isArray(body.errors)
    ? body.errors.flatMap((e: unknown) => {
        const r = (e ?? {}) as Record<string, unknown>;
        // RestErrorDetail ({error, details}); older payloads carry {message} or {code}.
        const error = [r.error, r.message, r.code].find((v): v is string => typeof v === "string");
        if (!error) return [];
        return [{ error, ...(typeof r.details === "string" ? { details: r.details } : {}) }];
      })
    : [];
  return {
    id,
    name: typeof name === "string" ? name : id,
    status: campaignStatus,
    version,
    errors,
    ...(typeof body.dateModified === "string" ? { changedAt: body.dateModified } : {}),
  };
}

interface Pending {
  queued: boolean;
  notes: { status: string; at: string; why?: string }[];
  promise: Promise<void>;
}

export class AlertEngine {
  readonly #o: Required<Omit<AlertEngineOptions, "onPosted">> & Pick<AlertEngineOptions, "onPosted">;
  /** Per campaign: events applied one at a time, in arrival order. */
  readonly #applying = new Map<string, Promise<void>>();
  readonly #publishing = new Map<string, Pending>();

  constructor(options: AlertEngineOptions) {
    this.#o = { switchboardWindowMs: 120_000, reopenWithinMs: 600_000, ...options };
  }

  /** A campaign event or a re-read after a reconnect; resolves once the database says what changed. */
  apply(orgSlug: string, campaign: CampaignSnapshot): Promise<void> {
    return this.#serially(orgSlug, campaign.id, () => this.#apply(orgSlug, campaign));
  }

  /** Resolves when every event seen so far is applied and its posts and edits are done. */
  async idle(): Promise<void> {
    while (this.#applying.size > 0 || this.#publishing.size > 0) {
      await Promise.all([
        ...this.#applying.values(),
        ...[...this.#publishing.values()].map((p) => p.promise),
      ]);
    }
  }

  /**
   * The campaign is `on` but has not placed a call for a while, for `cause` (from its diagnostics):
   * opens a `not_dialing` incident unless one is already open.
   */
  notDialing(
    orgSlug: string,
    c: Pick<CampaignSnapshot, "id" | "name" | "version" | "status">,
    cause: string,
  ) {
    return this.#serially(orgSlug, c.id, async () => {
      if ((await this.#watchers(orgSlug, c.id)).length === 0) return;
      const { created } = await this.#o.alerts.open({
        orgSlug,
        campaignId: c.id,
        campaignName: c.name,
        kind: "not_dialing",
        status: c.status,
        version: c.version,
        detail: { cause, timeline: [{ status: "on, not dialing", at: this.#o.clock.now().toISOString() }] },
      });
      if (created) this.#schedule(orgSlug, c.id);
    });
  }

  /** Calls are being placed again: a `not_dialing` incident resolves (other kinds wait for `on`). */
  dialingAgain(orgSlug: string, campaignId: string) {
    return this.#serially(orgSlug, campaignId, async () => {
      const latest = await this.#o.alerts.latest(orgSlug, campaignId);
      if (!latest || latest.resolvedAt !== null || latest.kind !== "not_dialing") return;
      const at = this.#o.clock.now().toISOString();
      await this.#o.alerts.update(latest.id, {
        resolved: true,
        detail: { ...latest.detail, resolution: "Placing calls again." },
      });
      this.#schedule(orgSlug, campaignId, { status: "dialing", at });
    });
  }

  #serially(orgSlug: string, campaignId: string, work: () => Promise<void>): Promise<void> {
    const key = `${orgSlug}:${campaignId}`;
    const run = (this.#applying.get(key) ?? Promise.resolve())
      .then(work)
      .catch((e: unknown) =>
        this.#o.logger.error(
          { org: orgSlug, campaign: campaignId, err: e instanceof Error ? e.message : String(e) },
          "campaign alert not updated",
        ),
      );
    this.#applying.set(key, run);
    void run.finally(() => {
      if (this.#applying.get(key) === run) this.#applying.delete(key);
    });
    return run;
  }

  async #apply(orgSlug: string, c: CampaignSnapshot): Promise<void> {
    const { alerts } = this.#o;
    const watchers = await this.#watchers(orgSlug, c.id);
    if (watchers.length === 0) return;
    const { advanced, previous } = await alerts.advance(orgSlug, c.id, c.version, c.status);
    // Not newer than what was applied (a replay), or the first sight of it: a baseline, not a change.
    if (!advanced || previous === null) return;
    const now = this.#o.clock.now();
    const at = c.changedAt ?? now.toISOString();
    const latest = await alerts.latest(orgSlug, c.id);
    const open = latest && latest.resolvedAt === null ? latest : null;
    const kind = KIND_OF[c.status];
    // A Switchboard action explains a change only if asked for after the state it changed from.
    const askedSince = (previous.at?.getTime() ?? 0) - CLOCK_SLACK_MS;
    if (c.status === "on" || c.status === "scheduled") {
      if (!open) return;
      const by = await this.#switchboardChange(orgSlug, c.id, "resume", askedSince);
      const resolution = by ? `Resumed through Switchboard by ${by}.` : `Back ${c.status} (${at}).`;
      await alerts.update(open.id, {
        status: c.status,
        lastVersion: c.version,
        resolved: true,
        detail: {
          ...open.detail,
          errors: [],
          resolution,
          timeline: [...(open.detail.timeline ?? []), { status: c.status, at }],
        },
      });
      this.#schedule(orgSlug, c.id, { status: c.status, at, why: resolution });
      return;
    }
    if (!kind) return;
    if (open) {
      if (open.status === c.status && sameErrors(open.detail.errors, c.errors)) {
        await alerts.update(open.id, { lastVersion: c.version });
        return;
      }
      const statusChanged = open.status !== c.status;
      await alerts.update(open.id, {
        status: c.status,
        kind: rank(kind) > rank(open.kind) ? kind : open.kind,
        lastVersion: c.version,
        campaignName: c.name,
        detail: {
          ...open.detail,
          errors: c.errors,
          changedAt: at,
          timeline: statusChanged
            ? [...(open.detail.timeline ?? []), { status: c.status, at }]
            : open.detail.timeline,
        },
      });
      this.#schedule(orgSlug, c.id, statusChanged ? { status: c.status, at } : undefined);
      return;
    }
    // Switchboard's own pause is what was asked for; an error or `complete` after it still alerts.
    if (kind === "stopped" && (await this.#switchboardChange(orgSlug, c.id, "pause", askedSince))) return;
    // `stopping` → `off` with nothing open: the stop was already judged (Switchboard's, or a baseline).
    if (kind === "stopped" && previous.status === "stopping") return;
    const detail = { errors: c.errors, changedAt: at, timeline: [{ status: c.status, at }] };
    if (latest && now.getTime() - (latest.resolvedAt?.getTime() ?? 0) < this.#o.reopenWithinMs) {
      if (await alerts.reopen(latest.id)) {
        await alerts.update(latest.id, {
          status: c.status,
          kind,
          lastVersion: c.version,
          detail: {
            ...latest.detail,
            ...detail,
            resolution: undefined,
            timeline: [...(latest.detail.timeline ?? []), { status: c.status, at }],
          },
        });
        this.#schedule(orgSlug, c.id, { status: c.status, at, why: "stopped again" });
        return;
      }
    }
    await alerts.open({
      orgSlug,
      campaignId: c.id,
      campaignName: c.name,
      kind,
      status: c.status,
      version: c.version,
      detail,
    });
    this.#schedule(orgSlug, c.id);
  }

  async #watchers(orgSlug: string, campaignId: string): Promise<CampaignWatch[]> {
    return (await this.#o.watches.list({ orgSlug })).filter((w) => w.campaignId === campaignId);
  }

  /** Who asked Switchboard to make this change recently, if anyone (any replica: it is the audit). */
  async #switchboardChange(
    orgSlug: string,
    campaignId: string,
    action: "pause" | "resume",
    askedSince: number,
  ): Promise<string | null> {
    const since = Math.max(askedSince, this.#o.clock.now().getTime() - this.#o.switchboardWindowMs);
    const rows = await this.#o.audit.list({ orgSlug, target: campaignId, limit: 10 });
    const row = rows.find(
      (r) =>
        r.action === action && r.at.getTime() >= since && (r.outcome === "intent" || r.outcome === "success"),
    );
    return row ? row.actor : null;
  }

  /** Queues a post/edit for the campaign's incident; one queued edit absorbs every later event. */
  #schedule(orgSlug: string, campaignId: string, note?: Pending["notes"][number]): void {
    const key = `${orgSlug}:${campaignId}`;
    const current = this.#publishing.get(key);
    if (current?.queued) {
      if (note) current.notes.push(note);
      return;
    }
    const entry: Pending = { queued: true, notes: note ? [note] : [], promise: Promise.resolve() };
    entry.promise = (current?.promise ?? Promise.resolve())
      .then(async () => {
        entry.queued = false;
        await this.#publish(orgSlug, campaignId, entry.notes);
      })
      .catch((e: unknown) =>
        this.#o.logger.error(
          { org: orgSlug, campaign: campaignId, err: e instanceof Error ? e.message : String(e) },
          "alert not posted",
        ),
      )
      .finally(() => {
        if (this.#publishing.get(key) === entry) this.#publishing.delete(key);
      });
    this.#publishing.set(key, entry);
  }

  async #publish(orgSlug: string, campaignId: string, notes: Pending["notes"]): Promise<void> {
    const { alerts, posters, logger } = this.#o;
    const incident = await alerts.latest(orgSlug, campaignId);
    if (!incident) return;
    const message = alertMessage(incident);
    const posts = await alerts.posts(incident.id);
    for (const w of await this.#watchers(orgSlug, campaignId)) {
      const poster = posters.for(w.platform);
      if (!poster) continue;
      const target: AlertTarget = { platform: w.platform, channel: w.channel, watchedBy: w.createdBy };
      const post = posts.find((p) => p.platform === w.platform && p.channel === w.channel);
      try {
        if (post?.messageRef) {
          await poster.update(target, post.messageRef, message);
          for (const n of notes)
            await poster.thread(target, post.messageRef, timelineNote(n.status, n.at, n.why));
          continue;
        }
        // Being posted by another replica right now, or muted here: nothing to do.
        if (post) continue;
        if (incident.resolvedAt !== null) continue;
        const muted = await alerts.mutedUntil(
          { orgSlug, campaignId, platform: w.platform, channel: w.channel },
          this.#o.clock.now(),
        );
        if (muted) continue;
        if (!(await alerts.claimPost(incident.id, w.platform, w.channel))) continue;
        let ref: string;
        try {
          ref = await poster.post(target, message);
        } catch (e) {
          await alerts.releasePost(incident.id, w.platform, w.channel);
          throw e;
        }
        await alerts.setPostRef(incident.id, w.platform, w.channel, ref);
        this.#o.onPosted?.();
      } catch (e) {
        logger.warn(
          {
            platform: w.platform,
            channel: w.channel,
            incident: incident.id,
            err: e instanceof Error ? e.message : String(e),
          },
          "alert post or edit failed",
        );
      }
    }
  }
}

/** Replicas' clocks may differ a little: an audit row this much older than the cursor still counts. */
const CLOCK_SLACK_MS = 2_000;

const rank = (k: IncidentKind) => ({ not_dialing: 0, stopped: 1, complete: 2, error: 3 })[k];

function sameErrors(a: CampaignErrorNote[] | undefined, b: CampaignErrorNote[]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b);
}
