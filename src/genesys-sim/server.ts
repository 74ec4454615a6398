/**
 * The simulator's HTTP server. The first path segment is the real Genesys host name
 * (`/login.mypurecloud.ie/oauth/token`, `/api.mypurecloud.com/api/v2/...`, see `hostsFor`), so one
 * local port serves every region and a token can be caught being used in the wrong one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { type ApiDeps, type Faults, handleApiRequest } from "./api-request.js";
import { CONTROL_PREFIX, handleControlRequest } from "./control-routes.js";
import type { Fixture } from "./fixture.js";
import { readBody, sendJson } from "./http-io.js";
import { NotificationHub, type NotificationStats, type NotificationTiming } from "./notification-hub.js";
import { attachNotificationSockets } from "./notification-socket.js";
import { RateLimiter } from "./rate-limiter.js";
import { internalError, notFound, SimError } from "./sim-error.js";
import { SimState } from "./sim-state.js";
import { handleTokenRequest } from "./token-endpoint.js";
import { registerHub } from "./watch-routes.js";
import { World } from "./world.js";

export interface SimulatorOptions {
  fixture: Fixture;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** JSON file holding mutable state across processes; in memory only when absent. */
  statePath?: string;
  now?: () => number;
  /** Drives `errorRate`; inject for deterministic fault tests. */
  random?: () => number;
  /** Notification channel timing (heartbeat, change polling, socket_closing grace, channel lifetime). */
  notifications?: Partial<NotificationTiming>;
}

/** What happened to a campaign outside the API, as a test or scenario tells it. */
interface CampaignEvent {
  /** The new status, e.g. "off" (someone in the Genesys UI), "invalid" or "forced_off" (an error). */
  status: string;
  /** Errors Genesys shows on the campaign (RestErrorDetail); cleared when omitted. */
  errors?: { error: string; details?: string }[];
}

/** Test controls of the Notifications API. */
interface NotificationControls {
  /** Maintenance: `v2.system.socket_closing` now, the close after `graceMs`. `orgRef` limits it to one org. */
  socketClosing(orgRef?: string, graceMs?: number): void;
  /** Drops sockets without a close frame (a network failure). */
  killSockets(orgRef?: string): void;
  setTiming(timing: Partial<NotificationTiming>): void;
  stats(): NotificationStats;
}

export interface SimulatorStats {
  tokenRequests: number;
  apiRequests: number;
  rateLimited: number;
  byStatus: Record<string, number>;
  tokensByOrg: Record<string, number>;
  /** API requests per path (after /api/v2, without the query). */
  apiByPath: Record<string, number>;
}

export interface CampaignSnapshot {
  id: string;
  name: string;
  status: string;
  version: number;
  divisionId: string;
}

export interface Simulator {
  url: string;
  close(): Promise<void>;
  setFaults(f: Partial<Faults>): void;
  /** `retryAfterSeconds`: a fixed Retry-After on 429s (e.g. 120, as Genesys sends at times); null clears it. */
  setLimits(l: { perTokenPerMinute: number; retryAfterSeconds?: number | null }): void;
  revokeClient(clientId: string): void;
  expireTokens(): void;
  mutateCampaign(orgRef: string, campaignRef: string, patch: { status?: string; name?: string }): void;
  campaign(orgRef: string, campaignRef: string): CampaignSnapshot;
  /** A change made outside the API (UI, rule, schedule, error); subscribers get it as an event. */
  campaignEvent(orgRef: string, campaignRef: string, event: CampaignEvent): void;
  notifications: NotificationControls;
  stats(): SimulatorStats;
  resetStats(): void;
}

const emptyStats = (): SimulatorStats => ({
  tokenRequests: 0,
  apiRequests: 0,
  rateLimited: 0,
  byStatus: {},
  tokensByOrg: {},
  apiByPath: {},
});

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const now = opts.now ?? Date.now;
  const world = new World(opts.fixture);
  const state = new SimState(opts.fixture, { statePath: opts.statePath, now });
  let faults: Faults = { ...opts.fixture.faults, tokenEndpointDown: false };
  let perTokenPerMinute = opts.fixture.limits.perTokenPerMinute;
  let retryAfterSeconds = opts.fixture.limits.retryAfterSeconds;
  let stats = emptyStats();
  const closing = new AbortController();
  const hub = new NotificationHub(world, state, now, opts.notifications);
  registerHub(state, hub);
  const deps: ApiDeps = {
    world,
    state,
    limiter: new RateLimiter(),
    perTokenPerMinute: () => perTokenPerMinute,
    retryAfterSeconds: () => retryAfterSeconds,
    faults: () => faults,
    random: opts.random ?? Math.random,
  };

  const reply = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => {
    stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
    sendJson(res, status, body, headers);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sim.invalid");
    const [, host = "", ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    const target = world.hostKind(host);
    const rawBody = await readBody(req);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs, undefined, { signal: closing.signal });
    state.refreshFromDisk();

    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const answer = handleControlRequest(req, url.pathname, rawBody, (event) => {
        applyCampaignEvent(event.org, event.campaign, event);
        return campaignSnapshot(event.org, event.campaign);
      });
      reply(res, answer.status, answer.body);
      return;
    }
    if (target?.kind === "login" && path === "/oauth/token" && req.method === "POST") {
      stats.tokenRequests += 1;
      if (faults.tokenEndpointDown) {
        reply(res, 503, {
          error: "temporarily_unavailable",
          description: "The login service is unavailable (simulated).",
        });
        return;
      }
      const answer = handleTokenRequest(
        world,
        state,
        target.region,
        req.headers.authorization,
        rawBody.toString("utf8"),
        now(),
      );
      if (answer.orgSlug) stats.tokensByOrg[answer.orgSlug] = (stats.tokensByOrg[answer.orgSlug] ?? 0) + 1;
      reply(res, answer.status, answer.body);
      return;
    }
    if (target?.kind === "api" && (path === "/api/v2" || path.startsWith("/api/v2/"))) {
      stats.apiRequests += 1;
      const apiPath = path.slice("/api/v2".length);
      stats.apiByPath[apiPath] = (stats.apiByPath[apiPath] ?? 0) + 1;
      const answer = handleApiRequest(deps, {
        region: target.region,
        method: req.method ?? "GET",
        path: path.slice("/api/v2".length),
        query: url.searchParams,
        authorization: req.headers.authorization,
        rawBody,
        now: now(),
      });
      if (answer.rateLimited) stats.rateLimited += 1;
      reply(res, answer.status, answer.body, answer.headers);
      return;
    }
    const reason = target
      ? `No resource found for ${req.method} ${url.pathname}.`
      : `Unknown host "${host}".`;
    reply(res, 404, notFound(reason).body());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // Shutting down, or the client hung up mid-request: nobody is left to answer.
      if (closing.signal.aborted || res.destroyed || req.socket.destroyed) return;
      // Never let one request take the simulator down: answer in Genesys' shape instead.
      const err = e instanceof SimError ? e : internalError();
      reply(res, err.status, err.body(), err.headers);
    });
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostName = address.family === "IPv6" ? `[${address.address}]` : address.address;
  hub.setBaseUrl(`http://${hostName}:${address.port}`);
  const detachSockets = attachNotificationSockets(server, hub);
  const orgIdOf = (orgRef?: string) => {
    if (orgRef === undefined) return undefined;
    const org = world.org(orgRef);
    if (!org) throw new Error(`simulator: unknown org "${orgRef}"`);
    return org.fx.id;
  };

  function findCampaign(orgRef: string, campaignRef: string) {
    const org = world.org(orgRef);
    if (!org) throw new Error(`simulator: unknown org "${orgRef}"`);
    const fx =
      org.campaignById.get(campaignRef) ??
      org.fx.campaigns.find((c) => state.campaign(c.id)?.name === campaignRef) ??
      org.fx.campaigns.find((c) => c.name === campaignRef);
    if (!fx) throw new Error(`simulator: unknown campaign "${campaignRef}" in org "${orgRef}"`);
    return { org, fx };
  }
  function applyCampaignEvent(orgRef: string, campaignRef: string, event: CampaignEvent): void {
    const { fx } = findCampaign(orgRef, campaignRef);
    state.updateCampaign(fx.id, (c) => {
      c.status = event.status;
      c.errors = event.errors;
    });
  }
  function campaignSnapshot(orgRef: string, campaignRef: string): CampaignSnapshot {
    const { org, fx } = findCampaign(orgRef, campaignRef);
    const s = state.campaign(fx.id);
    if (!s) throw new Error(`simulator: no state for campaign ${fx.id}`);
    const divisionId = org.divisionByName.get(fx.division)?.id ?? org.home.id;
    return { id: fx.id, name: s.name, status: s.status, version: s.version, divisionId };
  }

  return {
    url: `http://${hostName}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        hub.close();
        detachSockets();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    setFaults: (f) => {
      faults = { ...faults, ...f };
    },
    setLimits: (l) => {
      perTokenPerMinute = l.perTokenPerMinute;
      if (l.retryAfterSeconds !== undefined) retryAfterSeconds = l.retryAfterSeconds ?? undefined;
    },
    revokeClient: (clientId) => {
      if (!world.client(clientId)) throw new Error(`simulator: unknown OAuth client "${clientId}"`);
      state.revoke(clientId);
    },
    expireTokens: () => state.expireAllTokens(),
    mutateCampaign: (orgRef, campaignRef, patch) => {
      const { fx } = findCampaign(orgRef, campaignRef);
      state.updateCampaign(fx.id, (c) => {
        if (patch.status !== undefined) c.status = patch.status;
        if (patch.name !== undefined) c.name = patch.name;
      });
    },
    campaignEvent: applyCampaignEvent,
    notifications: {
      socketClosing: (orgRef, graceMs) => hub.socketClosing(orgIdOf(orgRef), graceMs),
      killSockets: (orgRef) => hub.killSockets(orgIdOf(orgRef)),
      setTiming: (timing) => hub.setTiming(timing),
      stats: () => hub.stats(),
    },
    campaign: campaignSnapshot,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
  };
}
