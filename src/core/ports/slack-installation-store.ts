/**
 * Slack installations for serving several workspaces (OAuth install flow). `data` is the
 * installation as Slack's OAuth library produced it, as JSON; it holds the bot token, so the store
 * keeps it sealed. `key` is `T:<team id>` or, for an org-wide Enterprise Grid install, `E:<enterprise id>`.
 */
export interface SlackInstallationStore {
  save(key: string, data: string, ids: { teamId: string | null; enterpriseId: string | null }): Promise<void>;
  find(key: string): Promise<string | null>;
  /** Returns false when there was no such installation. */
  delete(key: string): Promise<boolean>;
}
