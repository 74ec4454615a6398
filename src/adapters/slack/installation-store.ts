/**
 * Bolt's InstallationStore over our SlackInstallationStore port, for serving several workspaces:
 * the OAuth flow saves each workspace's installation (its bot token) sealed in the database, and
 * every request is authorized with the token of the workspace it came from.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { SlackInstallationStore } from "../../core/ports/slack-installation-store.js";

export function installationKey(q: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string;
  teamId?: string;
}): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error("a Slack installation needs a team id (or an enterprise id for an org-wide install)");
}

export function boltInstallationStore(store: SlackInstallationStore): InstallationStore {
  return {
    async storeInstallation(installation: Installation): Promise<void> {
      const key = installationKey({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await store.save(key, JSON.stringify(installation), {
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const key = installationKey(query);
      const data = await store.find(key);
      // Bolt turns this into an authorization failure for the request: the app is not installed there.
      if (!data) throw new Error(`Switchboard is not installed in Slack workspace ${key}`);
      return JSON.parse(data) as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      await store.delete(installationKey(query));
    },
  };
}
