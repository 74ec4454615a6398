/** Genesys Cloud, as the core sees it: one org-bound client per linked org. */
import type {
  Campaign,
  CampaignPage,
  CampaignProgress,
  CampaignStats,
  DivisionRef,
  GenesysUser,
  Grant,
  OAuthClientInfo,
  OrgInfo,
  RoleInfo,
  TokenInfo,
} from "../kernel/model.js";
import type { CampaignWatchReads } from "../kernel/watch-model.js";
import type { LinkedOrg, OrgCredentials } from "./org-store.js";

export interface CampaignQuery {
  name?: string;
  filterType?: "Prefix" | "Equals" | "Contains";
  pageSize?: number;
  pageNumber?: number;
  divisionId?: string[];
}

/** How fast Switchboard may call an org: its own pace and, once Genesys has said, Genesys's window. */
export interface RateBudget {
  /** Switchboard's own pace per org (GENESYS_REQUESTS_PER_MINUTE). */
  clientPerMinute: number;
  /** From the last `inin-ratelimit-*` headers; absent until a response carried them. */
  server?: { allowed: number; remaining: number; resetAt: Date };
}

/**
 * A Genesys Cloud API client bound to one linked org: its token is never used for another org.
 * Every failure is a GenesysError (or an AppError for org-binding problems).
 */
export interface GenesysOrgClient extends CampaignWatchReads {
  readonly orgSlug: string;
  /** What this process knows of the org's request budget (no request made). */
  rateBudget(): RateBudget;
  listCampaigns(query?: CampaignQuery): Promise<CampaignPage>;
  /** Follows every page. */
  listAllCampaigns(query?: Omit<CampaignQuery, "pageNumber">): Promise<Campaign[]>;
  getCampaign(id: string): Promise<Campaign>;
  getProgress(id: string): Promise<CampaignProgress>;
  /**
   * `POST …/campaigns/progress`: several campaigns' progress in one request. Campaigns the client
   * cannot see are left out of the answer, as Genesys does.
   */
  getProgressOf(ids: readonly string[]): Promise<CampaignProgress[]>;
  getStats(id: string): Promise<CampaignStats>;
  /** `POST …/{id}/start` (permission outbound:campaign:start). */
  startCampaign(id: string): Promise<void>;
  /** `POST …/{id}/stop` (permission outbound:campaign:stop). */
  stopCampaign(id: string): Promise<void>;
  /** `PUT …/{id}` with the current version (outbound:campaign:edit); re-reads and retries on a version conflict. */
  setCampaignStatus(id: string, status: "on" | "off"): Promise<Campaign>;
  tokenInfo(): Promise<TokenInfo>;
  organization(): Promise<OrgInfo>;
  getOAuthClient(clientId: string): Promise<OAuthClientInfo>;
  getRole(roleId: string): Promise<RoleInfo>;
  findRolesByName(name: string): Promise<RoleInfo[]>;
  getSubjectGrants(subjectId: string): Promise<Grant[]>;
  listDivisions(): Promise<DivisionRef[]>;
  findUserByEmail(email: string): Promise<GenesysUser | null>;
  /** Every user the exact email search finds (first page), each with its state. */
  findUsersByEmail(email: string): Promise<GenesysUser[]>;
  getUser(userId: string): Promise<GenesysUser>;
}

/** A Genesys region as the diagnosis names it: its key and the login host that issues its tokens. */
export interface RegionInfo {
  key: string;
  loginHost: string;
}

export interface GenesysGateway {
  /** The org-bound client for a linked org (cached; rebuilt when the link changes). */
  forOrg(org: LinkedOrg): Promise<GenesysOrgClient>;
  /** Drops any cached client and token for the org (after unlink or relink). */
  evict(slug: string): void;
  /**
   * Diagnosis only: gets a token with the org's stored credentials from `region`'s login host
   * (default: the linked region) and asks `tokens/me` whose it is, WITHOUT the org-binding check.
   * The token is discarded, never cached and never used for anything else. Throws the token
   * endpoint's GenesysError (`invalid_client`…) when the credentials are refused there.
   */
  probe(org: LinkedOrg, region?: string): Promise<TokenInfo>;
  /** Every Genesys region, linked or not: where credentials refused at home may belong. */
  regions(): readonly RegionInfo[];
  /**
   * Linking: gets a token with credentials that are not stored yet from `region`'s login host and
   * asks `tokens/me` whose org they belong to. Nothing is cached. Throws the token endpoint's
   * GenesysError (`invalid_client`…) when Genesys refuses them; errors never carry the secret.
   */
  probeCredentials(region: string, credentials: OrgCredentials, slug?: string): Promise<TokenInfo>;
}
