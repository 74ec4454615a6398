/**
 * Domain types the core reasons about. They are Genesys concepts, shaped for Switchboard:
 * the Genesys client maps API payloads onto them, so the core never sees raw JSON.
 */

/** Genesys `campaignStatus` values. Unknown future values are kept as plain strings. */
type CampaignStatus = "on" | "stopping" | "off" | "complete" | "invalid" | "forced_off" | "forced_stopping";

export interface DivisionRef {
  id: string;
  name: string;
}

export interface Campaign {
  id: string;
  name: string;
  status: CampaignStatus | (string & {});
  dialingMode: string;
  division: DivisionRef;
  /** Optimistic-concurrency version; every change in Genesys increments it. */
  version: number;
  dateModified?: string;
  /** The contact list and queue it dials from/for (named by `why … dialing`). */
  contactList?: DivisionRef;
  queue?: DivisionRef;
}

export interface CampaignPage {
  entities: Campaign[];
  total: number;
  pageNumber: number;
  pageSize: number;
  pageCount: number;
}

export interface CampaignProgress {
  campaignId: string;
  percentage: number;
  totalNumberOfContacts: number;
  numberOfContactsCalled: number;
}

export interface CampaignStats {
  attempts: number;
  connects: number;
  connectRatio: number;
  idleAgents: number;
  outstandingCalls: number;
  scheduledCalls: number;
}

/** `GET /api/v2/tokens/me`: which org, client and grants a token really belongs to. */
export interface TokenInfo {
  organization: { id: string; name: string };
  homeOrganization?: { id: string; name: string };
  oauthClient?: { id: string; name: string; roleDivisions: RoleDivision[] };
  dateTokenIdles?: string;
}

export interface RoleDivision {
  roleId: string;
  divisionId: string;
}

export interface OrgInfo {
  id: string;
  name: string;
  state?: string;
}

export interface OAuthClientInfo {
  id: string;
  name: string;
  roleDivisions: RoleDivision[];
  accessTokenValiditySeconds?: number;
  state?: string;
}

/** A role with its permission policies flattened to `domain:entity:action` strings (wildcards kept). */
export interface RoleInfo {
  id: string;
  name: string;
  permissions: string[];
}

/** One role granted to a subject (user or client) in one division. */
export interface Grant {
  role: { id: string; name: string };
  division: DivisionRef;
}

export interface GenesysUser {
  id: string;
  name: string;
  email: string;
  /** "active", "inactive" or "deleted", when Genesys said. */
  state?: string;
}

/** `slack:<team>:<user>`, `teams:<tenant>:<aadObjectId>` or `shell:<name>`. */
export type ChatIdentity = string;
