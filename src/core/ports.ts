/**
 * The core's ports: everything it needs from the outside world, as interfaces. Store, Genesys and
 * adapter modules implement them; only the composition root (src/main.ts) wires concrete classes.
 */
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
} from "./kernel/model.js";
import type { CampaignWatchReads } from "./kernel/watch-model.js";

// ---------------------------------------------------------------------------------------------
// Linked orgs

export type OrgHealth = "unknown" | "ok" | "broken";

/** A Genesys Cloud org linked to Switchboard. Never carries the client secret. */
export interface LinkedOrg {
  /** Short name used in commands (`acme`): lowercase letters, digits, dashes. */
  slug: string;
  genesysOrgId: string;
  name: string;
  /** Genesys region key, e.g. `us_east_1` (see genesys/regions.ts). */
  region: string;
  clientId: string;
  health: OrgHealth;
  healthReason: string | null;
  healthCheckedAt: Date | null;
  /**
   * Opt-in: an unmapped chat user whose chat platform vouches for their email is mapped to the one
   * active Genesys user with that email when they first run a command here (off by default).
   */
  automap: boolean;
  linkedAt: Date;
  updatedAt: Date;
}

export interface LinkOrgInput {
  slug: string;
  genesysOrgId: string;
  name: string;
  region: string;
  clientId: string;
  /** Plain secret: the store encrypts it before it touches the database. */
  clientSecret: string;
}

export interface OrgCredentials {
  clientId: string;
  clientSecret: string;
}

export interface OrgStore {
  list(): Promise<LinkedOrg[]>;
  get(slug: string): Promise<LinkedOrg | null>;
  /** Links a new org or replaces the link (credentials included) of an existing slug. */
  upsert(input: LinkOrgInput): Promise<LinkedOrg>;
  /** Returns false when no such org was linked. */
  unlink(slug: string): Promise<boolean>;
  /** Decrypted credentials, for the Genesys gateway only. */
  credentials(slug: string): Promise<OrgCredentials | null>;
  setHealth(slug: string, health: OrgHealth, reason?: string | null): Promise<void>;
  /** Turns automatic mapping by verified email on or off; false when no such org is linked. */
  setAutomap(slug: string, on: boolean): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Chat identities and their Genesys mapping

/** `slack:<team>:<user>`, `teams:<tenant>:<aadObjectId>` or `shell:<name>`. */
export type ChatIdentity = string;

export type GenesysIdentity =
  | { kind: "user"; userId: string; email?: string | null }
  | { kind: "role"; roleName: string };

export interface IdentityMapping {
  chatIdentity: ChatIdentity;
  orgSlug: string;
  genesys: GenesysIdentity;
  createdBy: string;
  createdAt: Date;
}

export interface IdentityStore {
  /** Creates or replaces the mapping of one chat identity in one org. */
  map(input: {
    chatIdentity: ChatIdentity;
    orgSlug: string;
    genesys: GenesysIdentity;
    createdBy: string;
  }): Promise<IdentityMapping>;
  unmap(chatIdentity: ChatIdentity, orgSlug: string): Promise<boolean>;
  get(chatIdentity: ChatIdentity, orgSlug: string): Promise<IdentityMapping | null>;
  forIdentity(chatIdentity: ChatIdentity): Promise<IdentityMapping[]>;
  list(): Promise<IdentityMapping[]>;
  /** An admin's declaration that two chat identities are one person; true when it is new. */
  link(a: ChatIdentity, b: ChatIdentity, createdBy: string): Promise<boolean>;
  unlink(a: ChatIdentity, b: ChatIdentity): Promise<boolean>;
  /** Every linked pair. */
  links(): Promise<Array<[ChatIdentity, ChatIdentity]>>;
}

// ---------------------------------------------------------------------------------------------
// Audit

export type AuditOutcome = "intent" | "success" | "failure" | "denied" | "pending" | "info";

export interface NewAuditEvent {
  actor: ChatIdentity;
  /** The mapped Genesys identity acted for, when known (`user:<id>` / `role:<name>`). */
  genesysIdentity?: string | null;
  platform: string;
  channel: string;
  orgSlug?: string | null;
  action: string;
  /** Usually a campaign: `<id>` with its name in `targetName`. */
  target?: string | null;
  targetName?: string | null;
  reason?: string | null;
  outcome: AuditOutcome;
  /** For an outcome row: the id of the intent row it closes. */
  intentId?: string | null;
  contextId?: string | null;
  correlationId?: string | null;
  durationMs?: number | null;
  /** Small JSON-serialisable detail (status before/after, error code…). Never secrets. */
  detail?: Record<string, unknown> | null;
}

export interface AuditEntry extends NewAuditEvent {
  id: string;
  /** Position in the hash chain, 1-based, gap-free. */
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  orgSlug?: string;
  target?: string;
  actor?: string;
  /** Rows about one campaign: its id as `target`, or its name as recorded (any letter case). */
  campaign?: string;
  /** Leave out rows with these outcomes (`audit` leaves out read-only `info` rows). */
  excludeOutcomes?: AuditOutcome[];
  /** Only rows older than this position (the next page of a newest-first listing). */
  beforeSeq?: number;
  /** Newest first; default 20. */
  limit?: number;
}

export interface AuditLog {
  /** Appends one row to the hash chain (safe under concurrent writers and replicas). */
  append(event: NewAuditEvent): Promise<AuditEntry>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
  /**
   * The newest row carrying this Genesys contextId (a failed call's outcome row), or null. Lets
   * `explain <contextId>` start from what was recorded when the call failed.
   */
  findByContextId(contextId: string): Promise<AuditEntry | null>;
  /**
   * Intent rows written before `before` that no outcome row closes (none carries their id as
   * `intentId`), oldest first: what a crash between a Genesys call and its outcome left behind.
   */
  openIntents(query: OpenIntentQuery): Promise<AuditEntry[]>;
  /** Claims reconciling one intent; true for exactly one caller across processes and replicas. */
  claimReconciliation(intentId: string, owner: string, at: Date): Promise<boolean>;
}

export interface OpenIntentQuery {
  before: Date;
  orgSlug?: string;
  target?: string;
  /** Default 50. */
  limit?: number;
}

// ---------------------------------------------------------------------------------------------
// Genesys

export interface CampaignQuery {
  name?: string;
  filterType?: "Prefix" | "Equals" | "Contains";
  pageSize?: number;
  pageNumber?: number;
  divisionId?: string[];
}

/**
 * A Genesys Cloud API client bound to one linked org: its token is never used for another org.
 * Every failure is a GenesysError (or an AppError for org-binding problems).
 */
/** How fast Switchboard may call an org: its own pace and, once Genesys has said, Genesys's window. */
export interface RateBudget {
  /** Switchboard's own pace per org (GENESYS_REQUESTS_PER_MINUTE). */
  clientPerMinute: number;
  /** From the last `inin-ratelimit-*` headers; absent until a response carried them. */
  server?: { allowed: number; remaining: number; resetAt: Date };
}

export interface GenesysOrgClient extends CampaignWatchReads {
  readonly orgSlug: string;
  /** What this process knows of the org's request budget (no request made). */
  rateBudget(): RateBudget;
  listCampaigns(query?: CampaignQuery): Promise<CampaignPage>;
  /** Follows every page. */
  listAllCampaigns(query?: Omit<CampaignQuery, "pageNumber">): Promise<Campaign[]>;
  getCampaign(id: string): Promise<Campaign>;
  getProgress(id: string): Promise<CampaignProgress>;
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

// ---------------------------------------------------------------------------------------------
// Time

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// ---------------------------------------------------------------------------------------------
// Approvals

/**
 * pending → approved → executing → executed | failed, or pending → denied | withdrawn | expired, or
 * approved → voided. `withdrawn`: the requester (the same person, under any of their chat identities)
 * took it back; nobody denied it. Every move is one conditional update, so two processes never both make it.
 */
export type ApprovalStatus =
  | "pending"
  | "approved"
  | "executing"
  | "denied"
  | "withdrawn"
  | "expired"
  | "voided"
  | "executed"
  | "failed";

/** One campaign an approval covers, as it was when the request was made. */
export interface ApprovalTarget {
  campaignId: string;
  campaignName: string;
  /** The campaign's Genesys `version` at request time: a different version voids the request. */
  version: number;
  status: string;
  division: { id: string; name: string };
}

export interface NewApprovalRequest {
  orgSlug: string;
  action: string;
  targets: ApprovalTarget[];
  requester: ChatIdentity;
  requesterName: string;
  reason?: string | null;
  platform: string;
  channel: string;
  approversRequired: number;
  /** Permission an approver must hold in each target's division (policy); null = the action's own. */
  approverPermission?: string | null;
  /** Policy `approverMustBeUser`: an approver must be mapped to a Genesys user, not a role. */
  approverMustBeUser?: boolean;
  expiresAt: Date;
}

interface ApprovalVote {
  approver: ChatIdentity;
  at: Date;
}

export interface ApprovalRequest extends NewApprovalRequest {
  /** Short, human-typeable id (`approve K7Q2MX`). */
  id: string;
  status: ApprovalStatus;
  statusReason: string | null;
  approvals: ApprovalVote[];
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: ChatIdentity | null;
  /** Where the adapter posted the request (Slack `channel:ts`, Teams activity id), for updates. */
  messageRef: string | null;
}

export type AddApprovalResult =
  /** Recorded; `completed` is true for exactly one caller: the vote that moved it to `approved`. */
  | { kind: "recorded"; request: ApprovalRequest; completed: boolean }
  | { kind: "duplicate"; request: ApprovalRequest }
  /** Another identity of the same person already voted (`votedAs`), or is the requester. */
  | { kind: "same_person"; request: ApprovalRequest; votedAs: ChatIdentity }
  /** The vote came at or after the request's expiry. */
  | { kind: "expired"; request: ApprovalRequest }
  | { kind: "not_pending"; request: ApprovalRequest };

export interface ApprovalStore {
  create(input: NewApprovalRequest): Promise<ApprovalRequest>;
  get(id: string): Promise<ApprovalRequest | null>;
  /** Pending requests, oldest first. */
  listPending(orgSlug?: string): Promise<ApprovalRequest[]>;
  /**
   * Adds one approver's vote atomically (safe across processes): a second vote by the same approver
   * is `duplicate`; once `approversRequired` votes exist the request becomes `approved`.
   */
  addApproval(
    id: string,
    approver: ChatIdentity,
    at: Date,
    options?: {
      /** Every chat identity of the approver's person: none of them may have voted or be the requester. */
      sameAs?: readonly ChatIdentity[];
    },
  ): Promise<AddApprovalResult>;
  /**
   * Moves a request from one of `from` to `to` atomically; null when its status was not in `from`
   * (someone else decided first). Exactly one concurrent caller wins.
   */
  transition(
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    fields: { at: Date; decidedBy?: ChatIdentity | null; statusReason?: string | null },
  ): Promise<ApprovalRequest | null>;
  setMessageRef(id: string, messageRef: string): Promise<void>;
  /**
   * Requests a crash may have left behind, oldest first: `approved` since before `approvedBefore`
   * (nobody started running them) and `executing` since before `executingBefore` (their runner died).
   */
  listStuck(approvedBefore: Date, executingBefore: Date): Promise<ApprovalRequest[]>;
  /**
   * Takes over one stuck request: moves it to `executing` only if it is still in the state (status
   * and `decidedAt`) it was listed in, so across replicas exactly one recovery runs it.
   */
  claimStuck(
    request: Pick<ApprovalRequest, "id" | "status" | "decidedAt">,
    owner: string,
    at: Date,
  ): Promise<ApprovalRequest | null>;
}

// ---------------------------------------------------------------------------------------------
// Chat deliveries

/**
 * Exactly-once handling of chat deliveries across retries and replicas. Platforms redeliver what
 * they think was not acknowledged (Slack's `x-slack-retry-num`), and with several replicas a retry
 * may land on another process: the claim is decided by the database, not by memory.
 */
export interface DeliveryDedupe {
  /** True for the first claim of `key` (go ahead), false for every later one (already handled). */
  claim(key: string): Promise<boolean>;
}

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

/** How a Teams conversation is reached for proactive posts (Bot Framework's conversation reference). */
export interface TeamsConversationRef {
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
}

/**
 * Teams conversation references that outlive the process, so an alert reaches a watching
 * conversation after a restart before anyone there writes to the bot again.
 */
export interface TeamsConversationStore {
  /** Inserts or replaces the reference for its conversation. */
  save(ref: TeamsConversationRef): Promise<void>;
  find(conversationId: string): Promise<TeamsConversationRef | null>;
}
