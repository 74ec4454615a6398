/** Which chat channels watch which campaigns (`watch`, `unwatch`, `watches`). */

export interface CampaignWatch {
  id: string;
  orgSlug: string;
  campaignId: string;
  campaignName: string;
  /** `slack`, `teams` or `shell`, and that platform's channel (where alerts are posted). */
  platform: string;
  channel: string;
  createdBy: string;
  createdAt: Date;
}

export type NewCampaignWatch = Omit<CampaignWatch, "id" | "createdAt">;

export interface WatchQuery {
  orgSlug?: string;
  platform?: string;
  channel?: string;
}

export interface WatchStore {
  /** Idempotent: watching a campaign the channel already watches returns the existing row, `created: false`. */
  add(input: NewCampaignWatch): Promise<{ watch: CampaignWatch; created: boolean }>;
  /** False when the channel did not watch it. */
  remove(key: { orgSlug: string; campaignId: string; platform: string; channel: string }): Promise<boolean>;
  /** Oldest first. */
  list(query: WatchQuery): Promise<CampaignWatch[]>;
}
