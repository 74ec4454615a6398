/**
 * Composition root: the only place where concrete classes meet. Everything else receives its
 * collaborators as ports.
 */

import type { SlackSurface } from "./adapters/slack/slack-app.js";
import type { TeamsAppOptions, TeamsSurface } from "./adapters/teams/teams-app.js";
import type { Config, SlackConfig, TeamsConfig } from "./config.js";
import { builtinCommands } from "./core/commands/index.js";
import { Dispatcher } from "./core/dispatcher.js";
import { createAppMetrics } from "./core/metrics/app-metrics.js";
import { PermissionGate } from "./core/permissions/permission-gate.js";
import { DEFAULT_POLICY } from "./core/policy/policy.js";
import { type PolicySource, staticPolicy } from "./core/policy/policy-source.js";
import { type Clock, systemClock } from "./core/ports.js";
import { NotifierRegistry } from "./core/schedule/notifier.js";
import { Scheduler } from "./core/schedule/scheduler.js";
import { SchedulerRunner } from "./core/schedule/scheduler-runner.js";
import type { CoreServices, Logger } from "./core/services.js";
import { createGenesysGateway, type GenesysGatewayOptions } from "./genesys/gateway.js";
import { watchPolicyFile } from "./policy/watched-policy.js";
import { healthRoutes } from "./server/health-routes.js";
import { metricsRoute } from "./server/metrics-route.js";
import type { Route } from "./server/route-table.js";
import { createCipher, keyIdFor, parseMasterKey } from "./store/cipher.js";
import { openStore } from "./store/index.js";

export interface AppOptions {
  config: Config;
  databaseUrl: string;
  /** The 32-byte master key that seals org secrets. */
  masterKey: Buffer;
  logger: Logger;
  /** Base URL of a Genesys simulator; absent = real Genesys Cloud. */
  simulatorUrl?: string;
  /** Extra admins on top of the configured ones (a fixture's `switchboard.admins`). */
  admins?: string[];
  /** A fixed policy (a fixture's `switchboard.policy`); absent = the configured policy file, watched. */
  policy?: PolicySource;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Genesys client tuning the configuration does not expose (fault tests: short timeouts, fast retries). */
  genesysOptions?: Pick<GenesysGatewayOptions, "timeoutMs" | "retry" | "random">;
  /** SQLite: how long a write waits for another connection's lock (default 5 s). */
  sqliteBusyTimeoutMs?: number;
}

/** How long a caller's Genesys grants are reused before Genesys is asked again. */
const PERMISSION_CACHE_MS = 60_000;

export type App = Awaited<ReturnType<typeof buildApp>>;

export async function buildApp(options: AppOptions) {
  const { config, logger } = options;
  const oldKeys = config.oldMasterKeys.map((text) => {
    const key = parseMasterKey(text);
    return { id: keyIdFor(key), key };
  });
  const cipher = createCipher([{ id: keyIdFor(options.masterKey), key: options.masterKey }, ...oldKeys]);
  // The policy first: a bad policy file must stop start-up before anything else is opened.
  const watched =
    options.policy === undefined
      ? watchPolicyFile(config.policyFile, { logger, allowMissing: true })
      : undefined;
  const policy: PolicySource = watched ?? options.policy ?? staticPolicy(DEFAULT_POLICY, "built-in defaults");
  const store = await openStore({
    url: options.databaseUrl,
    cipher,
    sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs,
  }).catch((e: unknown) => {
    watched?.close();
    throw e;
  });
  const clock = options.clock ?? systemClock;
  // Before the gateway: its org clients report every Genesys answer and token grant here.
  const metrics = createAppMetrics({
    commandNames: builtinCommands().map((c) => c.name),
    pendingApprovals: async () => (await store.approvals.listPending()).length,
  });
  const genesys = createGenesysGateway({
    orgStore: store.orgs,
    simulatorUrl: options.simulatorUrl,
    fetch: options.fetch,
    clock,
    limits: config.genesysLimits,
    ...options.genesysOptions,
    hooks: {
      onTokenFetched: () => metrics.tokenFetch(),
      onResponse: ({ status }) => {
        metrics.genesysCall(status);
        if (status === 429) metrics.rateLimited();
      },
    },
  });
  // Short: the cache is per process, and a grant revoked in Genesys must stop working soon.
  const gate = PermissionGate.create({
    identities: store.identities,
    clock,
    genesys,
    ttlMs: PERMISSION_CACHE_MS,
  });
  const admins = new Set([...config.admins, ...(options.admins ?? [])].map(asIdentity));
  const services: CoreServices = {
    orgs: store.orgs,
    identities: store.identities,
    audit: store.audit,
    approvals: store.approvals,
    bulk: store.bulk,
    schedules: store.schedules,
    watches: store.watches,
    policy,
    genesys,
    clock,
    logger,
    settings: {
      stopWaitMs: config.stopWaitMs,
      pollIntervalMs: config.pollIntervalMs,
      listLimit: 50,
      bulkConcurrency: config.bulkConcurrency,
    },
    gate,
    isAdmin: (identity) => admins.has(identity),
  };
  const dispatcher = new Dispatcher(services, builtinCommands(), metrics);
  // Scheduled resumes tell their channel what happened; each surface registers how it posts.
  const notifiers = new NotifierRegistry(logger);
  const scheduler = new Scheduler({ services, notifier: notifiers });
  // Started only by long-running processes (serve, the interactive shell), never by one-shot exec.
  const schedulerRunner = new SchedulerRunner(scheduler, { intervalMs: config.schedulerIntervalMs, logger });
  return {
    dispatcher,
    services,
    store,
    /** Prometheus counters for `/metrics`. */
    metrics,
    notifiers,
    scheduler,
    startScheduler: () => schedulerRunner.start(),
    async close() {
      await schedulerRunner.stop();
      watched?.close();
      await store.close();
    },
  };
}

/** `admin` → `shell:admin`; platform-qualified identities pass through. */
export function asIdentity(nameOrIdentity: string): string {
  return nameOrIdentity.includes(":") ? nameOrIdentity : `shell:${nameOrIdentity}`;
}

export interface SlackWiring {
  logger?: Logger;
  /** Web API base ending in `/api/` (a local stand-in in tests); default Slack's. */
  slackApiUrl?: string;
  retries?: number;
  botId?: string;
  botUserId?: string;
}

/**
 * The Slack surface on a built app: its dispatcher and services, the database's delivery dedupe and
 * installation store. Bolt is loaded here, on demand, so the shell and CLI never pay for it.
 */
export async function buildSlack(
  app: App,
  slack: SlackConfig,
  wiring: SlackWiring = {},
): Promise<SlackSurface> {
  const { createSlackApp } = await import("./adapters/slack/slack-app.js");
  const surface = createSlackApp({
    settings: slack,
    dispatcher: app.dispatcher,
    services: app.services,
    dedupe: app.store.dedupe,
    installations: slack.auth.kind === "oauth" ? app.store.slackInstallations : undefined,
    logger: wiring.logger ?? app.services.logger,
    slackApiUrl: wiring.slackApiUrl ?? slack.apiUrl,
    retries: wiring.retries,
    botId: wiring.botId,
    botUserId: wiring.botUserId,
  });
  app.notifiers.register("slack", surface.notifier);
  return surface;
}

export interface TeamsWiring {
  logger?: Logger;
  /** Bot Framework endpoints (a local OpenID/JWKS stand-in in tests); default Microsoft's. */
  endpoints?: TeamsAppOptions["endpoints"];
  /** Outbound credentials (fixed tokens in tests); default the app id and password. */
  credentials?: TeamsAppOptions["credentials"];
  answerWithinMs?: number;
}

/**
 * The Teams surface on a built app: its dispatcher and services and the database's delivery dedupe.
 * botbuilder is loaded here, on demand, so the shell and CLI never pay for it.
 */
export async function buildTeams(
  app: App,
  teams: TeamsConfig,
  wiring: TeamsWiring = {},
): Promise<TeamsSurface> {
  const { createTeamsApp } = await import("./adapters/teams/teams-app.js");
  return createTeamsApp({
    auth: teams.auth,
    dispatcher: app.dispatcher,
    services: app.services,
    dedupe: app.store.dedupe,
    logger: wiring.logger ?? app.services.logger,
    endpoints: wiring.endpoints,
    credentials: wiring.credentials,
    answerWithinMs: wiring.answerWithinMs,
  });
}

/** What `switchboard serve` answers: health, readiness, and each configured surface's paths. */
export function serveRoutes(
  app: App,
  surfaces: { slack?: SlackSurface; teams?: TeamsSurface; shuttingDown: () => boolean },
): Route[] {
  const routes = healthRoutes({
    checks: { database: () => app.store.ping(), config: async () => {} },
    shuttingDown: surfaces.shuttingDown,
  });
  routes.push(metricsRoute(app.metrics.render));
  const slack = surfaces.slack;
  const listener = slack?.requestListener;
  if (slack && listener) {
    for (const path of slack.paths) {
      routes.push({ path, methods: path === "/slack/events" ? ["POST"] : ["GET"], handler: listener });
    }
  }
  const teams = surfaces.teams;
  if (teams) {
    for (const path of teams.paths) routes.push({ path, methods: ["POST"], handler: teams.requestListener });
  }
  return routes;
}
