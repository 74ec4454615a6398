/**
 * What the alert engine keeps in the database. Dedupe lives here, not in memory: at most one open
 * incident per campaign (a unique key) and one post per incident and channel (a primary key), so
 * a reconnect, a resync or a second replica never opens or posts twice.
 */

export type IncidentKind = "stopped" | "error" | "complete" | "not_dialing";

export interface CampaignErrorNote {
  error: string;
  details?: string;
}

export interface IncidentDetail {
  /** Genesys's errors on the campaign (invalid, forced_off…). */
  errors?: CampaignErrorNote[];
  /** When Genesys says the campaign last changed (its `dateModified`). */
  changedAt?: string;
  /** Statuses seen, oldest first, with when they were seen: the thread's timeline. */
  timeline?: { status: string; at: string }[];
  /** Why it is on but not dialing (the diagnosis' headline). */
  cause?: string;
  /** How it ended: `back on`, and who resumed it when it was through Switchboard. */
  resolution?: string;
}

export interface AlertIncident {
  id: string;
  orgSlug: string;
  campaignId: string;
  campaignName: string;
  kind: IncidentKind;
  status: string;
  version: number;
  lastVersion: number;
  detail: IncidentDetail;
  openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

export type NewIncident = Omit<AlertIncident, "id" | "openedAt" | "updatedAt" | "resolvedAt" | "lastVersion">;

export interface IncidentChange {
  kind?: IncidentKind;
  status?: string;
  lastVersion?: number;
  campaignName?: string;
  detail?: IncidentDetail;
  /** Closes the incident: a later stop opens a new one. */
  resolved?: boolean;
}

export interface AlertPostRow {
  incidentId: string;
  platform: string;
  channel: string;
  messageRef: string | null;
}

export interface AlertMute {
  orgSlug: string;
  campaignId: string;
  platform: string;
  channel: string;
  until: Date;
  createdBy: string;
}

export interface CampaignCursor {
  version: number;
  status: string;
  /** When that version was recorded. */
  at?: Date;
}

export interface AlertStore {
  /**
   * Records that the campaign is now at `version` with `status`, if that is newer than what was
   * recorded. `advanced` is true for exactly one caller per version (across replicas); `previous`
   * is what was recorded before (null the first time the campaign is seen: a baseline, not a change).
   */
  advance(
    orgSlug: string,
    campaignId: string,
    version: number,
    status: string,
  ): Promise<{ advanced: boolean; previous: CampaignCursor | null }>;
  /** The campaign's newest incident, open or not (null when it never had one). */
  latest(orgSlug: string, campaignId: string): Promise<AlertIncident | null>;
  /**
   * Opens an incident unless one is already open for the campaign: then that one is returned with
   * `created: false` (the unique open key decides across processes).
   */
  open(input: NewIncident): Promise<{ incident: AlertIncident; created: boolean }>;
  update(id: string, change: IncidentChange): Promise<AlertIncident>;
  /**
   * Opens a resolved incident again (a campaign flapping off and on edits one message instead of
   * posting one per flap). False when another incident of the campaign is open by now.
   */
  reopen(id: string): Promise<boolean>;
  /** True for exactly one caller per incident and channel: that caller posts the message. */
  claimPost(incidentId: string, platform: string, channel: string): Promise<boolean>;
  setPostRef(incidentId: string, platform: string, channel: string, messageRef: string): Promise<void>;
  /** Gives a claim back when the post failed, so a later event or resync may try again. */
  releasePost(incidentId: string, platform: string, channel: string): Promise<void>;
  posts(incidentId: string): Promise<AlertPostRow[]>;
  mute(input: AlertMute): Promise<void>;
  /** The mute in force at `now` for that campaign and channel, if any. */
  mutedUntil(
    key: Pick<AlertMute, "orgSlug" | "campaignId" | "platform" | "channel">,
    now: Date,
  ): Promise<Date | null>;
}
