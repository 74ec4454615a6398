/**
 * Genesys API JSON (already validated by schemas.ts) → the core's model types. The core never sees
 * raw payloads, so naming quirks (`campaignStatus`, `OAuthClient`, `contactRate`) stop here.
 */

import type { z } from "zod";
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
} from "../core/kernel/model.js";
import type {
  CampaignJson,
  campaignPageSchema,
  campaignProgressSchema,
  campaignStatsSchema,
  oauthClientSchema,
  organizationSchema,
  RoleJson,
  subjectSchema,
  tokenMeSchema,
  userSchema,
} from "./schemas.js";

function divisionRef(ref: { id: string; name?: string } | undefined): DivisionRef {
  return { id: ref?.id ?? "", name: ref?.name ?? "" };
}

export function toCampaign(json: CampaignJson): Campaign {
  return {
    id: json.id,
    name: json.name,
    status: json.campaignStatus,
    dialingMode: json.dialingMode ?? "",
    division: divisionRef(json.division),
    version: json.version,
    dateModified: json.dateModified,
    ...(json.contactList
      ? { contactList: { id: json.contactList.id, name: json.contactList.name ?? "" } }
      : {}),
    ...(json.queue ? { queue: { id: json.queue.id, name: json.queue.name ?? "" } } : {}),
  };
}

export function toCampaignPage(
  json: z.infer<typeof campaignPageSchema>,
  requestedPageSize: number,
): CampaignPage {
  const entities = json.entities.map(toCampaign);
  const pageSize = json.pageSize ?? requestedPageSize;
  const total = json.total ?? entities.length;
  return {
    entities,
    total,
    pageNumber: json.pageNumber ?? 1,
    pageSize,
    pageCount: json.pageCount ?? Math.max(1, Math.ceil(total / Math.max(1, pageSize))),
  };
}

export function toProgress(
  json: z.infer<typeof campaignProgressSchema>,
  campaignId: string,
): CampaignProgress {
  return {
    campaignId: json.campaign?.id ?? campaignId,
    percentage: json.percentage ?? 0,
    totalNumberOfContacts: json.totalNumberOfContacts ?? 0,
    numberOfContactsCalled: json.numberOfContactsCalled ?? 0,
  };
}

export function toStats(json: z.infer<typeof campaignStatsSchema>): CampaignStats {
  return {
    attempts: json.contactRate?.attempts ?? 0,
    connects: json.contactRate?.connects ?? 0,
    connectRatio: json.contactRate?.connectRatio ?? 0,
    idleAgents: json.idleAgents ?? 0,
    outstandingCalls: json.outstandingCalls ?? 0,
    scheduledCalls: json.scheduledCalls ?? 0,
  };
}

export function toTokenInfo(json: z.infer<typeof tokenMeSchema>): TokenInfo {
  const client = json.OAuthClient;
  return {
    organization: { id: json.organization.id, name: json.organization.name },
    homeOrganization: json.homeOrganization && {
      id: json.homeOrganization.id,
      name: json.homeOrganization.name,
    },
    oauthClient: client && {
      id: client.id,
      name: client.name,
      roleDivisions: client.roleDivisions.map((rd) => ({ roleId: rd.roleId, divisionId: rd.divisionId })),
    },
    dateTokenIdles: json.dateTokenIdles,
  };
}

export function toOrgInfo(json: z.infer<typeof organizationSchema>): OrgInfo {
  return { id: json.id, name: json.name, state: json.state };
}

export function toOAuthClient(json: z.infer<typeof oauthClientSchema>): OAuthClientInfo {
  return {
    id: json.id,
    name: json.name,
    roleDivisions: json.roleDivisions.map((rd) => ({ roleId: rd.roleId, divisionId: rd.divisionId })),
    accessTokenValiditySeconds: json.accessTokenValiditySeconds,
    state: json.state,
  };
}

/** Flattens `{domain, entityName, actionSet}` policies to one `domain:entity:action` per action. */
export function toRole(json: RoleJson): RoleInfo {
  const permissions = new Set<string>();
  for (const policy of json.permissionPolicies) {
    for (const action of policy.actionSet) permissions.add(`${policy.domain}:${policy.entityName}:${action}`);
  }
  return { id: json.id, name: json.name, permissions: [...permissions] };
}

export function toGrants(json: z.infer<typeof subjectSchema>): Grant[] {
  return json.grants.map((grant) => ({
    role: { id: grant.role.id, name: grant.role.name ?? "" },
    division: divisionRef(grant.division),
  }));
}

export function toUser(json: z.infer<typeof userSchema>): GenesysUser {
  return { id: json.id, name: json.name, email: json.email, ...(json.state ? { state: json.state } : {}) };
}
