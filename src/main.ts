/**
 * Composition root: the only place where concrete classes meet. Everything else receives its
 * collaborators as ports.
 */

import { randomUUID } from "node:crypto";
import type { SlackSurface } from "./adapters/slack/slack-app.js";
import type { TeamsAppOptions, TeamsSurface } from "./adapters/teams/teams-app.js";
import type { Config, SlackConfig, TeamsConfig } from "./config.js";
import { AlertEngine } from "./core/alerts/alert-engine.js";
import { AlertPosterRegistry } from "./core/alerts/alert-poster.js";
import { NotDialingMonitor } from "./core/alerts/not-dialing-monitor.js";
import { recoverStuckApprovals } from "./core/approvals/recover.js";
import { reconcileOpenIntents } from "./core/campaigns/reconcile-intents.js";
import { builtinCommands } from "./core/commands/index.js";
import { withFailureNote } from "./core/diagnosis/failure-note.js";
import { Dispatcher } from "./core/dispatch/dispatcher.js";
import { type Clock, systemClock } from "./core/kernel/clock.js";
import type { Logger } from "./core/kernel/logger.js";
import { reply } from "./core/kernel/reply.js";
import { LeaseKeeper, listenerLeaseKey, type RepeatTimer } from "./core/leases/lease-keeper.js";
import { PermissionGate } from "./core/permissions/permission-gate.js";
import { DEFAULT_POLICY } from "./core/policy/policy.js";
import { type PolicySource, staticPolicy } from "./core/policy/policy-source.js";
import { NotifierRegistry } from "./core/schedule/notifier-registry.js";
import { Scheduler } from "./core/schedule/scheduler.js";
import { SchedulerRunner } from "./core/schedule/scheduler-runner.js";
import type { CoreServices } from "./core/services.js";
import { findDialingCauses } from "./core/watch/why-dialing.js";
import type { AlertListeners } from "./genesys/alert-listeners.js";
import type { CampaignListenerOptions } from "./genesys/campaign-listener.js";
import { createGenesysGateway, type GenesysGatewayOptions } from "./genesys/gateway.js";
import { healthRoutes } from "./server/health-routes.js";
import { infoPageRoutes } from "./server/info-pages.js";
import { metricsRoute } from "./server/metrics-route.js";
import { noAppMetrics } from "./server/no-metrics.js";
import type { Route } from "./server/route-table.js";
import { type AuditKeyring, auditKeyFrom, deriveAuditKey } from "./store/audit-chain.js";
import { AuditCheckpointWriter } from "./store/audit-checkpoint-writer.js";
import { createCipher, keyIdFor, parseMasterKey } from "./store/cipher.js";
import { openStore } from "./store/index.js";

/** How often a long-running process looks for audit intents a crash left without an outcome. */
const RECONCILE_EVERY_MS = 5 * 60_000;

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
  /**
   * Prometheus counters for `/metrics` (default true). false for processes that never serve them
   * (`exec`, the shell): nothing is counted and prom-client is not loaded.
   */
  prometheus?: boolean;
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
  // The policy file's reader (yaml) only when no policy was given.
  const watched =
    options.policy === undefined
      ? (await import("./policy/watched-policy.js")).watchPolicyFile(config.policyFile, {
          logger,
          allowMissing: true,
        })
      : undefined;
  const policy: PolicySource = watched ?? options.policy ?? staticPolicy(DEFAULT_POLICY, "built-in defaults");
  const auditKeys = auditKeyring(config, options.masterKey, oldKeys);
  const store = await openStore({
    url: options.databaseUrl,
    cipher,
    auditKeys,
    sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs,
    queryPlanDir: config.queryPlanDir,
  }).catch((e: unknown) => {
    watched?.close();
    throw e;
  });
  const clock = options.clock ?? systemClock;
  // Before the gateway: its org clients report every Genesys answer and token grant here.
  const metrics =
    options.prometheus === false
      ? noAppMetrics
      : (await import("./server/prom-metrics.js")).createAppMetrics({
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
    tokenVaults: store.tokenVaults,
    hooks: {
      onTokenFetched: () => metrics.tokenFetch(),
      onResponse: ({ status }) => {
        metrics.genesysCall(status);
        if (status === 429) metrics.rateLimited();
      },
    },
  });
  // Short: a grant revoked in Genesys must stop working soon. Kept in the database for as long, so
  // the next one-shot `exec` by the same caller does not read them again.
  const gate = PermissionGate.create({
    identities: store.identities,
    clock,
    ttlMs: PERMISSION_CACHE_MS,
    keep: store.grantsKeep,
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
    alerts: store.alerts,
    policy,
    genesys,
    clock,
    logger,
    settings: {
      stopWaitMs: config.stopWaitMs,
      pollIntervalMs: config.pollIntervalMs,
      listLimit: 50,
      bulkConcurrency: config.bulkConcurrency,
      retryBudgetMs: config.retryBudgetMs,
    },
    gate,
    isAdmin: (identity) => admins.has(identity),
  };
  const dispatcher = new Dispatcher(services, builtinCommands(), {
    metrics,
    // Diagnosis is given to the dispatcher, not called by it: a failed action's reply says why.
    failureNote: (failed) => withFailureNote(services, failed.reply, failed.error, failed),
  });
  // Scheduled resumes tell their channel what happened; each surface registers how it posts.
  const notifiers = new NotifierRegistry(logger);
  const scheduler = new Scheduler({ services, notifier: notifiers });
  const replicaId = randomUUID();
  const auditChannel = config.auditChannel;
  const auditCheckpoints = new AuditCheckpointWriter({
    audit: store.audit,
    file: config.auditCheckpointFile,
    logger,
    intervalMs: config.auditCheckpointMs,
    ...(auditChannel
      ? {
          post: (line: string) =>
            notifiers.notify(
              auditChannel.platform,
              auditChannel.channel,
              reply({ tone: "info", title: "Audit checkpoint", blocks: [{ type: "text", text: line }] }),
            ),
        }
      : {}),
  });
  // Started only by long-running processes (serve, the interactive shell), never by one-shot exec:
  // due resumes, then a signed checkpoint of the audit chain when it is due.
  let lastReconciled = Number.NEGATIVE_INFINITY;
  const periodic = {
    runDue: async () => {
      // First poll runs at start-up: approvals a crash left approved or executing are finished or failed.
      await recoverStuckApprovals(services, { owner: replicaId }).catch((e: unknown) =>
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, "approval recovery failed"),
      );
      // Intents a crash left without an outcome: read Genesys, record what happened, once. At
      // start-up, then every few minutes (it reads the whole log's intents; a touch reconciles sooner).
      const now = clock.now().getTime();
      if (now - lastReconciled >= RECONCILE_EVERY_MS) {
        lastReconciled = now;
        await reconcileOpenIntents(services, { owner: replicaId }).catch((e: unknown) =>
          logger.warn({ err: e instanceof Error ? e.message : String(e) }, "intent reconciliation failed"),
        );
      }
      const ran = await scheduler.runDue();
      await auditCheckpoints.maybeWrite(clock.now());
      return ran;
    },
  };
  const schedulerRunner = new SchedulerRunner(periodic, { intervalMs: config.schedulerIntervalMs, logger });
  // Campaign alerts: each surface registers how it posts; `serve` starts the listeners.
  const alertPosters = new AlertPosterRegistry();
  const alertEngine = new AlertEngine({
    alerts: store.alerts,
    watches: store.watches,
    audit: store.audit,
    posters: alertPosters,
    clock,
    logger,
    onPosted: () => metrics.alertPosted(),
  });
  let alertListeners: AlertListeners | undefined;
  let keeper: LeaseKeeper | undefined;
  let refreshTimer: NodeJS.Timeout | undefined;
  let notDialingTimer: NodeJS.Timeout | undefined;
  /**
   * Listens to Genesys for every org with watches, one replica per org (a lease in the database),
   * and follows watch/unwatch by re-reading the watches every `alertsRefreshMs`.
   */
  async function startAlerts(
    tuning: Pick<CampaignListenerOptions, "heartbeatTimeoutMs" | "backoff"> & {
      /**
       * Lease timing (tests: fast takeovers); default 20 s ttl, renewed every 5 s. `timer` runs the
       * renewal rounds (tests: stop renewing without releasing, as a killed replica does).
       */
      lease?: { ttlMs: number; renewEveryMs: number; timer?: RepeatTimer };
      /** "On but not dialing" threshold (tests: short); default SWITCHBOARD_NOT_DIALING_MINUTES. */
      notDialingMs?: number;
    } = {},
  ) {
    if (alertListeners) return alertListeners;
    // The notification listeners (ws) only in processes that listen: serve and the shell.
    const { AlertListeners } = await import("./genesys/alert-listeners.js");
    if (alertListeners) return alertListeners; // a concurrent call started them meanwhile
    const notDialingMs = tuning.notDialingMs ?? config.notDialingMs;
    const monitor = new NotDialingMonitor({
      engine: alertEngine,
      thresholdMs: notDialingMs,
      clock,
      diagnose: async (slug, campaignId) => {
        const org = await store.orgs.get(slug);
        if (!org) return null;
        const client = await genesys.forOrg(org);
        const findings = await findDialingCauses(client, await client.getCampaign(campaignId), clock.now());
        const first = findings.causes[0];
        return first ? `${first.cause}. Fix: ${first.fix}` : null;
      },
    });
    const listeners = new AlertListeners({
      engine: alertEngine,
      monitor,
      watches: store.watches,
      logger,
      // Only what was given: an undefined field would override the listener's default.
      listener: {
        ...(tuning.heartbeatTimeoutMs ? { heartbeatTimeoutMs: tuning.heartbeatTimeoutMs } : {}),
        ...(tuning.backoff ? { backoff: tuning.backoff } : {}),
      },
      feedFor: async (slug) => {
        const org = await store.orgs.get(slug);
        if (!org) throw new Error(`org ${slug} is not linked`);
        return genesys.forOrg(org);
      },
      onEvent: () => metrics.alertEvent(),
      onReconnect: () => metrics.listenerReconnect(),
      leases: {
        setKeys: (keys) => keeper?.setKeys(keys),
      },
    });
    const orgOf = (key: string) => key.slice(listenerLeaseKey("").length);
    keeper = new LeaseKeeper({
      store: store.leases,
      holder: `${process.pid}:${replicaId}`,
      clock,
      ...tuning.lease,
      onAcquired: (key) => listeners.hold(orgOf(key)),
      onLost: (key) => listeners.release(orgOf(key)),
      onError: (e, context) =>
        logger.warn({ context, err: e instanceof Error ? e.message : String(e) }, "listener lease error"),
    });
    const leaseKeeper = keeper;
    metrics.setLeaseCounts(() => leaseKeeper.counts());
    alertListeners = listeners;
    await listeners.refresh();
    keeper.start();
    refreshTimer = setInterval(() => {
      listeners
        .refresh()
        .catch((e: unknown) =>
          logger.warn({ err: e instanceof Error ? e.message : String(e) }, "watches not re-read"),
        );
    }, config.alertsRefreshMs);
    refreshTimer.unref();
    notDialingTimer = setInterval(
      () => {
        monitor
          .check()
          .catch((e: unknown) =>
            logger.warn({ err: e instanceof Error ? e.message : String(e) }, "not-dialing check failed"),
          );
      },
      Math.max(50, Math.min(60_000, Math.floor(notDialingMs / 4))),
    );
    notDialingTimer.unref();
    return listeners;
  }
  /** Stops listening and gives the org leases back (shutdown); alerts being posted finish first. */
  async function stopAlerts() {
    clearInterval(refreshTimer);
    clearInterval(notDialingTimer);
    await keeper?.stop();
    await alertListeners?.stop();
    await alertEngine.idle();
    keeper = undefined;
    alertListeners = undefined;
  }
  return {
    dispatcher,
    services,
    store,
    /** Prometheus counters for `/metrics`. */
    metrics,
    notifiers,
    scheduler,
    auditCheckpoints,
    startScheduler: () => schedulerRunner.start(),
    alertPosters,
    alertEngine,
    startAlerts,
    stopAlerts,
    /** One scheduler poll, as at start-up: recoveries, reconciliations, due resumes, checkpoint. */
    runPeriodic: () => periodic.runDue(),
    async close() {
      await stopAlerts();
      await schedulerRunner.stop();
      watched?.close();
      await store.close();
    },
  };
}

/**
 * The audit chain's keys: SWITCHBOARD_AUDIT_KEY when set, else derived from the master key; every
 * older key (old audit keys, keys derived from old master keys) still verifies what it sealed.
 */
function auditKeyring(config: Config, masterKey: Buffer, oldMasterKeys: { key: Buffer }[]): AuditKeyring {
  const active = config.auditKey ? auditKeyFrom(parseMasterKey(config.auditKey)) : deriveAuditKey(masterKey);
  const older = [
    ...config.oldAuditKeys.map((text) => auditKeyFrom(parseMasterKey(text))),
    ...(config.auditKey ? [deriveAuditKey(masterKey)] : []),
    ...oldMasterKeys.map(({ key }) => deriveAuditKey(key)),
  ];
  return { active, all: [active, ...older.filter((k) => k.id !== active.id)] };
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
  app.alertPosters.register("slack", surface.alertPoster);
  return surface;
}

export interface TeamsWiring {
  logger?: Logger;
  /** Bot Framework endpoints (a local OpenID/JWKS stand-in in tests); default Microsoft's. */
  endpoints?: TeamsAppOptions["endpoints"];
  /** Outbound tokens (fixed in tests); who may call the bot always follows the Teams config. */
  outboundTokens?: TeamsAppOptions["outboundTokens"];
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
  const surface = createTeamsApp({
    auth: teams.auth,
    dispatcher: app.dispatcher,
    services: app.services,
    dedupe: app.store.dedupe,
    conversations: app.store.teamsConversations,
    logger: wiring.logger ?? app.services.logger,
    endpoints: wiring.endpoints,
    outboundTokens: wiring.outboundTokens,
    answerWithinMs: wiring.answerWithinMs,
  });
  app.alertPosters.register("teams", surface.alertPoster);
  app.notifiers.register("teams", surface.notifier);
  return surface;
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
  routes.push(metricsRoute(app.metrics));
  // The Teams package's website, privacy and terms URLs point here.
  routes.push(...infoPageRoutes());
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
