/**
 * The campaign listeners `serve` holds: one per org with at least one watch (and, with a lease
 * keeper, only while this replica holds that org's lease). `refresh` re-reads the watches (after
 * watch/unwatch, here or on another replica): new orgs get a listener, orgs without watches lose
 * theirs, a changed set of campaigns is resubscribed and the new ones read as a baseline. After
 * every (re)connect each watched campaign is read again and applied like an event, so a change
 * missed while disconnected still alerts (the engine's cursor makes a replay a no-op).
 */
import { type AlertEngine, type CampaignSnapshot, campaignFromEvent } from "../core/alerts/alert-engine.js";
import type { NotDialingMonitor } from "../core/alerts/not-dialing-monitor.js";
import type { Logger } from "../core/kernel/logger.js";
import type { Campaign } from "../core/kernel/model.js";
import type { CampaignDiagnostics } from "../core/kernel/watch-model.js";
import { listenerLeaseKey } from "../core/leases/lease-keeper.js";
import type { WatchStore } from "../core/ports/watch-store.js";
import { CampaignListener, type CampaignListenerOptions } from "./campaign-listener.js";
import type { NotificationApi } from "./notification-api.js";

/** What a listener needs from one org: its notification channels and campaign reads. */
export interface OrgFeed {
  notifications: NotificationApi;
  getCampaign(id: string): Promise<Campaign>;
  /** Genesys's errors on a campaign a re-read finds in error (the campaign read carries none). */
  getDiagnostics(id: string): Promise<Pick<CampaignDiagnostics, "errors">>;
}

export interface AlertListenersOptions {
  engine: AlertEngine;
  watches: WatchStore;
  feedFor(orgSlug: string): Promise<OrgFeed>;
  logger: Logger;
  /** With several replicas: the keeper decides which orgs this one listens to (it calls hold/release). */
  leases?: { setKeys(keys: Iterable<string>): void };
  listener?: Pick<CampaignListenerOptions, "heartbeatTimeoutMs" | "backoff">;
  /** "On but not dialing": told every campaign status and progress this replica hears. */
  monitor?: NotDialingMonitor;
  /** For /metrics. */
  onEvent?: () => void;
  onReconnect?: () => void;
}

interface Held {
  listener: CampaignListener;
  ids: Set<string>;
}

export class AlertListeners {
  readonly #o: AlertListenersOptions;
  readonly #held = new Map<string, Held>();
  /** Watched campaign ids per org, as last read. */
  #wanted = new Map<string, Set<string>>();

  constructor(options: AlertListenersOptions) {
    this.#o = options;
  }

  /** Orgs this replica listens to now. */
  get held(): number {
    return this.#held.size;
  }

  async refresh(): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const w of await this.#o.watches.list({})) {
      const ids = wanted.get(w.orgSlug) ?? new Set<string>();
      ids.add(w.campaignId);
      wanted.set(w.orgSlug, ids);
    }
    this.#wanted = wanted;
    if (this.#o.leases) this.#o.leases.setKeys([...wanted.keys()].map(listenerLeaseKey));
    else {
      for (const org of wanted.keys()) if (!this.#held.has(org)) await this.hold(org);
    }
    for (const [org, held] of this.#held) {
      const ids = wanted.get(org);
      if (!ids) {
        if (!this.#o.leases) await this.release(org);
        continue;
      }
      const added = [...ids].filter((id) => !held.ids.has(id));
      if (added.length === 0 && ids.size === held.ids.size) continue;
      held.ids = ids;
      await held.listener.resubscribe();
      await this.#resync(org, added);
    }
  }

  /** Starts listening to an org (a lease was acquired, or no lease is used). */
  async hold(orgSlug: string): Promise<void> {
    if (this.#held.has(orgSlug)) return;
    const feed = await this.#o.feedFor(orgSlug);
    const held: Held = { ids: this.#wanted.get(orgSlug) ?? new Set(), listener: undefined as never };
    held.listener = new CampaignListener({
      orgSlug,
      api: feed.notifications,
      campaignIds: () => [...held.ids],
      logger: this.#o.logger,
      ...this.#o.listener,
      onEvent: async (event) => {
        this.#o.onEvent?.();
        if (event.kind === "progress") {
          const called = event.body.numberOfContactsCalled;
          if (typeof called === "number") this.#o.monitor?.progress(orgSlug, event.campaignId, called);
          return;
        }
        const snapshot = campaignFromEvent(event.body);
        if (!snapshot) return;
        await this.#o.engine.apply(orgSlug, snapshot);
        this.#o.monitor?.campaign(orgSlug, snapshot);
      },
      onConnected: async (reason) => {
        if (reason !== "start") this.#o.onReconnect?.();
        await this.#resync(orgSlug, [...held.ids], feed);
      },
    });
    this.#held.set(orgSlug, held);
    await held.listener.start();
  }

  /** Stops listening to an org (its lease was lost or released, or nothing there is watched). */
  async release(orgSlug: string): Promise<void> {
    const held = this.#held.get(orgSlug);
    if (!held) return;
    this.#held.delete(orgSlug);
    this.#o.monitor?.forget(orgSlug);
    await held.listener.stop();
  }

  async stop(): Promise<void> {
    for (const org of [...this.#held.keys()]) await this.release(org);
  }

  async #resync(orgSlug: string, ids: string[], known?: OrgFeed): Promise<void> {
    if (ids.length === 0) return;
    const feed = known ?? (await this.#o.feedFor(orgSlug));
    for (const id of ids) {
      try {
        const c = await feed.getCampaign(id);
        const errors = IN_ERROR.has(c.status)
          ? await feed.getDiagnostics(id).then(
              (d) => d.errors,
              () => [],
            )
          : [];
        const snapshot = { ...snapshotOf(c), errors };
        await this.#o.engine.apply(orgSlug, snapshot);
        this.#o.monitor?.campaign(orgSlug, snapshot);
      } catch (e) {
        this.#o.logger.warn(
          { org: orgSlug, campaign: id, err: e instanceof Error ? e.message : String(e) },
          "watched campaign not re-read after connect",
        );
      }
    }
  }
}

const IN_ERROR = new Set(["invalid", "forced_off", "forced_stopping"]);

function snapshotOf(c: Campaign): CampaignSnapshot {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    version: c.version,
    errors: [],
    ...(c.dateModified ? { changedAt: c.dateModified } : {}),
  };
}
