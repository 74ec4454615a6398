/**
 * "On but not dialing for N minutes": the listener reports each watched campaign's status and its
 * progress events; a campaign `on` whose calls placed (`numberOfContactsCalled`) have not moved for
 * `thresholdMs` is diagnosed (diagnostics, rules, schedule: the `why … dialing` reads) and, when a
 * cause is found, alerted as a `not_dialing` incident. Calls moving again resolve it. This state is
 * in memory on purpose: only the replica holding the org's lease listens to it, and after a
 * takeover the clock simply starts again.
 */
import type { Clock } from "../kernel/clock.js";
import type { AlertEngine, CampaignSnapshot } from "./alert-engine.js";

interface Tracked {
  campaign: Pick<CampaignSnapshot, "id" | "name" | "version" | "status">;
  called: number | undefined;
  since: number;
  flagged: boolean;
}

export interface NotDialingOptions {
  engine: Pick<AlertEngine, "notDialing" | "dialingAgain">;
  thresholdMs: number;
  clock: Clock;
  /** The headline cause why it is not dialing, or null when none is found (then nothing alerts). */
  diagnose(orgSlug: string, campaignId: string): Promise<string | null>;
}

export class NotDialingMonitor {
  readonly #o: NotDialingOptions;
  readonly #tracked = new Map<string, Tracked & { orgSlug: string }>();

  constructor(options: NotDialingOptions) {
    this.#o = options;
  }

  /** A campaign event or re-read: only `on` campaigns are watched for dialing. */
  campaign(orgSlug: string, c: Tracked["campaign"]): void {
    const key = `${orgSlug}:${c.id}`;
    if (c.status !== "on") {
      this.#tracked.delete(key);
      return;
    }
    const known = this.#tracked.get(key);
    if (known) known.campaign = c;
    else
      this.#tracked.set(key, { orgSlug, campaign: c, called: undefined, since: this.#now(), flagged: false });
  }

  /** A progress event: calls placed so far. */
  progress(orgSlug: string, campaignId: string, called: number): void {
    const t = this.#tracked.get(`${orgSlug}:${campaignId}`);
    if (!t) return;
    if (t.called !== undefined && called > t.called) {
      t.since = this.#now();
      if (t.flagged) {
        t.flagged = false;
        void this.#o.engine.dialingAgain(orgSlug, campaignId);
      }
    }
    t.called = called;
  }

  /** Forgets an org (its listener stopped here). */
  forget(orgSlug: string): void {
    for (const [key, t] of this.#tracked) if (t.orgSlug === orgSlug) this.#tracked.delete(key);
  }

  /** Run periodically: alerts campaigns quiet for longer than the threshold that have a cause. */
  async check(): Promise<void> {
    const now = this.#now();
    for (const t of this.#tracked.values()) {
      if (t.flagged || now - t.since < this.#o.thresholdMs) continue;
      const cause = await this.#o.diagnose(t.orgSlug, t.campaign.id).catch(() => null);
      // No cause found: look again after another threshold rather than on every check.
      t.since = cause ? t.since : now;
      if (!cause) continue;
      t.flagged = true;
      await this.#o.engine.notDialing(t.orgSlug, t.campaign, cause);
    }
  }

  #now(): number {
    return this.#o.clock.now().getTime();
  }
}
