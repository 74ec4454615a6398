/**
 * The Genesys Cloud client bound to one linked org. Its token lives inside this instance only and
 * is proved to belong to the linked org before first use (org-binding.ts).
 */

import type { z } from "zod";
import { type Clock, systemClock } from "../core/kernel/clock.js";
import { GenesysError } from "../core/kernel/genesys-error.js";
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
import { SameTurnReads } from "../core/kernel/same-turn-reads.js";
import type { CampaignQuery, GenesysOrgClient, RateBudget } from "../core/ports/genesys-gateway.js";
import type { TokenVault } from "../core/ports/token-vault.js";
import { DEFAULT_TIMEOUT_MS, type HttpOptions, type ResponseInfo } from "./http.js";
import * as map from "./mappers.js";
import { type NotificationApi, notificationApi } from "./notification-api.js";
import { type ApiRequest, OrgTransport, type TransportCounters } from "./org-transport.js";
import { RateLimiter } from "./rate-limiter.js";
import { hostsFor, type Region } from "./regions.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry.js";
import * as s from "./schemas.js";
import { watchReads } from "./watch-reads.js";

export interface OrgClientOptions {
  org: { slug: string; genesysOrgId: string; region: Region };
  credentials: { clientId: string; clientSecret: string };
  /** A running simulator (`switchboard sim`) instead of the real Genesys hosts. */
  simulatorUrl?: string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** [0, 1), for retry jitter. */
  random?: () => number;
  limits?: { requestsPerMinute?: number; maxConcurrent?: number };
  retry?: Partial<RetryPolicy>;
  /** Per request, body included. Default 15 s. */
  timeoutMs?: number;
  /** Called once when the credentials turn out to belong to another org (before the error is thrown). */
  onOrgMismatch?: (actual: { id: string; name: string }) => void | Promise<void>;
  hooks?: { onTokenFetched?(): void; onResponse?(info: ResponseInfo): void };
  /** Keeps the access token between processes (sealed at rest); absent = in memory only. */
  tokenVault?: TokenVault;
}

/** The port plus counters that tests and benchmarks read. */
export interface OrgClient extends GenesysOrgClient {
  readonly counters: TransportCounters;
  /** Notification channels for campaign watch (the listener is in campaign-listener.ts). */
  readonly notifications: NotificationApi;
}

/** How many times setCampaignStatus re-reads and retries after a version conflict. */
const MAX_CONFLICT_RETRIES = 3;
const LIST_PAGE_SIZE = 100;
const CAMPAIGNS = "/api/v2/outbound/campaigns";

export function createOrgClient(options: OrgClientOptions): OrgClient {
  return new HttpOrgClient(options);
}

class HttpOrgClient implements OrgClient {
  readonly orgSlug: string;
  private readonly transport: OrgTransport;
  private readonly limiter: RateLimiter;
  /** Identical GETs asked for in one turn (a burst's commands on one campaign) share one exchange. */
  private readonly gets = new WeakMap<z.ZodType, SameTurnReads<unknown>>();

  constructor(options: OrgClientOptions) {
    this.orgSlug = options.org.slug;
    const clock = options.clock ?? systemClock;
    const http: HttpOptions = {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      orgSlug: options.org.slug,
      onResponse: options.hooks?.onResponse,
    };
    this.limiter = new RateLimiter({ ...options.limits, clock });
    this.transport = new OrgTransport({
      binding: {
        org: options.org,
        credentials: options.credentials,
        hosts: hostsFor(options.org.region, options.simulatorUrl),
        http,
        onOrgMismatch: options.onOrgMismatch,
        onTokenFetched: options.hooks?.onTokenFetched,
      },
      http,
      clock,
      random: options.random ?? Math.random,
      limiter: this.limiter,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      tokenVault: options.tokenVault,
    });
  }

  get notifications(): NotificationApi {
    return notificationApi((req, schema) => this.transport.request(req, schema));
  }

  rateBudget(): RateBudget {
    return this.limiter.budget;
  }

  get counters(): TransportCounters {
    return this.transport.counters;
  }

  async listCampaigns(query: CampaignQuery = {}): Promise<CampaignPage> {
    const params = new URLSearchParams();
    if (query.name !== undefined) params.set("name", query.name);
    if (query.filterType !== undefined) params.set("filterType", query.filterType);
    if (query.pageSize !== undefined) params.set("pageSize", String(query.pageSize));
    if (query.pageNumber !== undefined) params.set("pageNumber", String(query.pageNumber));
    for (const divisionId of query.divisionId ?? []) params.append("divisionId", divisionId);
    const json = await this.get(withQuery(CAMPAIGNS, params), s.campaignPageSchema);
    // Genesys' default page size is 25 when none was asked for.
    return map.toCampaignPage(json, query.pageSize ?? 25);
  }

  async listAllCampaigns(query: Omit<CampaignQuery, "pageNumber"> = {}): Promise<Campaign[]> {
    const all: Campaign[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await this.listCampaigns({ ...query, pageSize: LIST_PAGE_SIZE, pageNumber });
      all.push(...page.entities);
      if (page.entities.length === 0 || pageNumber >= page.pageCount) return all;
    }
  }

  async getCampaign(id: string): Promise<Campaign> {
    return map.toCampaign(await this.get(campaignPath(id), s.campaignSchema));
  }

  async getProgress(id: string): Promise<CampaignProgress> {
    return map.toProgress(await this.get(`${campaignPath(id)}/progress`, s.campaignProgressSchema), id);
  }

  async getProgressOf(ids: readonly string[]): Promise<CampaignProgress[]> {
    if (ids.length === 0) return [];
    const json = await this.transport.request(
      { method: "POST", path: `${CAMPAIGNS}/progress`, json: ids },
      s.campaignProgressListSchema,
    );
    // Genesys names each entry's campaign; one it does not name cannot be matched to an id.
    return json.flatMap((p) => (p.campaign?.id ? [map.toProgress(p, p.campaign.id)] : []));
  }

  async getStats(id: string): Promise<CampaignStats> {
    return map.toStats(await this.get(`${campaignPath(id)}/stats`, s.campaignStatsSchema));
  }

  async startCampaign(id: string): Promise<void> {
    await this.transport.request({ method: "POST", path: `${campaignPath(id)}/start` }, s.ignoredBodySchema);
  }

  async stopCampaign(id: string): Promise<void> {
    await this.transport.request({ method: "POST", path: `${campaignPath(id)}/stop` }, s.ignoredBodySchema);
  }

  async setCampaignStatus(id: string, status: "on" | "off"): Promise<Campaign> {
    for (let conflicts = 0; ; conflicts++) {
      // The PUT replaces the whole campaign, so it must carry every field as Genesys has it now.
      const current = await this.get(campaignPath(id), s.campaignSchema);
      try {
        const updated = await this.transport.request(
          { method: "PUT", path: campaignPath(id), json: { ...current, campaignStatus: status } },
          s.campaignSchema,
        );
        return map.toCampaign(updated);
      } catch (error) {
        if (!isVersionConflict(error) || conflicts >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }

  async tokenInfo(): Promise<TokenInfo> {
    return map.toTokenInfo(await this.get("/api/v2/tokens/me", s.tokenMeSchema));
  }

  async organization(): Promise<OrgInfo> {
    return map.toOrgInfo(await this.get("/api/v2/organizations/me", s.organizationSchema));
  }

  async getOAuthClient(clientId: string): Promise<OAuthClientInfo> {
    const json = await this.get(`/api/v2/oauth/clients/${encodeURIComponent(clientId)}`, s.oauthClientSchema);
    return map.toOAuthClient(json);
  }

  async getRole(roleId: string): Promise<RoleInfo> {
    return map.toRole(
      await this.get(`/api/v2/authorization/roles/${encodeURIComponent(roleId)}`, s.roleSchema),
    );
  }

  async findRolesByName(name: string): Promise<RoleInfo[]> {
    // Genesys matches `name` as a prefix; "by name" means the exact name (case-insensitive).
    const roles = await this.allPages("/api/v2/authorization/roles", { name }, s.rolePageSchema);
    const wanted = name.toLowerCase();
    return roles.filter((role) => role.name.toLowerCase() === wanted).map(map.toRole);
  }

  async getSubjectGrants(subjectId: string): Promise<Grant[]> {
    const path = `/api/v2/authorization/subjects/${encodeURIComponent(subjectId)}`;
    return map.toGrants(await this.get(path, s.subjectSchema));
  }

  async listDivisions(): Promise<DivisionRef[]> {
    const divisions = await this.allPages("/api/v2/authorization/divisions", {}, s.divisionPageSchema);
    return divisions.map((d) => ({ id: d.id, name: d.name ?? "" }));
  }

  async findUserByEmail(email: string): Promise<GenesysUser | null> {
    return (await this.findUsersByEmail(email))[0] ?? null;
  }

  async findUsersByEmail(email: string): Promise<GenesysUser[]> {
    const json = await this.transport.request(
      {
        method: "POST",
        path: "/api/v2/users/search",
        json: { query: [{ type: "EXACT", fields: ["email"], value: email }] },
      },
      s.userSearchSchema,
    );
    return json.results.map(map.toUser);
  }

  getDiagnostics(campaignId: string) {
    return watchReads((path, schema) => this.get(path, schema)).getDiagnostics(campaignId);
  }

  listCampaignRules() {
    return watchReads((path, schema) => this.get(path, schema)).listCampaignRules();
  }

  getCampaignSchedule(campaignId: string) {
    return watchReads((path, schema) => this.get(path, schema)).getCampaignSchedule(campaignId);
  }

  async getUser(userId: string): Promise<GenesysUser> {
    return map.toUser(await this.get(`/api/v2/users/${encodeURIComponent(userId)}`, s.userSchema));
  }

  private get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const req: ApiRequest = { method: "GET", path };
    let reads = this.gets.get(schema);
    if (!reads) {
      reads = new SameTurnReads<unknown>();
      this.gets.set(schema, reads);
    }
    // Shared per schema too: the parsed value is what the callers share, and it is the schema's.
    return reads.read(path, () => this.transport.request(req, schema)) as Promise<T>;
  }

  /** Follows `pageCount` from page 1, 100 entities a page. */
  private async allPages<E>(
    path: string,
    query: Record<string, string>,
    schema: z.ZodType<{ entities: E[]; pageCount?: number }>,
  ): Promise<E[]> {
    const all: E[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const params = new URLSearchParams({
        ...query,
        pageSize: String(LIST_PAGE_SIZE),
        pageNumber: String(pageNumber),
      });
      const page = await this.get(withQuery(path, params), schema);
      all.push(...page.entities);
      if (page.entities.length === 0 || pageNumber >= (page.pageCount ?? 1)) return all;
    }
  }
}

function campaignPath(id: string): string {
  return `${CAMPAIGNS}/${encodeURIComponent(id)}`;
}

function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query === "" ? path : `${path}?${query}`;
}

/** Genesys reports a stale `version` as 409 general.conflict, or as a 400 saying the versions differ. */
export function isVersionConflict(error: unknown): boolean {
  if (!(error instanceof GenesysError)) return false;
  if (error.status === 409) return true;
  return (
    error.status === 400 &&
    /version/i.test(error.message) &&
    /match|differ|stale|conflict/i.test(error.message)
  );
}
