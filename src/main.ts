/**
 * Composition root: the only place where concrete classes meet. Everything else receives its
 * collaborators as ports.
 */

import type { SlackSurface } from "./adapters/slack/slack-app.js";
import type { Config, SlackConfig } from "./config.js";
import { builtinCommands } from "./core/commands/index.js";
import { Dispatcher } from "./core/dispatcher.js";
import { PermissionGate } from "./core/permissions/permission-gate.js";
import { DEFAULT_POLICY } from "./core/policy/policy.js";
import { type PolicySource, staticPolicy } from "./core/policy/policy-source.js";
import { type Clock, systemClock } from "./core/ports.js";
import type { CoreServices, Logger } from "./core/services.js";
import { createGenesysGateway } from "./genesys/gateway.js";
import { watchPolicyFile } from "./policy/watched-policy.js";
import { healthRoutes } from "./server/health-routes.js";
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
  const store = await openStore({ url: options.databaseUrl, cipher }).catch((e: unknown) => {
    watched?.close();
    throw e;
  });
  const clock = options.clock ?? systemClock;
  const genesys = createGenesysGateway({
    orgStore: store.orgs,
    simulatorUrl: options.simulatorUrl,
    fetch: options.fetch,
    clock,
    limits: config.genesysLimits,
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
    policy,
    genesys,
    clock,
    logger,
    settings: { stopWaitMs: config.stopWaitMs, pollIntervalMs: config.pollIntervalMs, listLimit: 50 },
    gate,
    isAdmin: (identity) => admins.has(identity),
  };
  const dispatcher = new Dispatcher(services, builtinCommands());
  return {
    dispatcher,
    services,
    store,
    async close() {
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
  return createSlackApp({
    settings: slack,
    dispatcher: app.dispatcher,
    services: app.services,
    dedupe: app.store.dedupe,
    installations: slack.auth.kind === "oauth" ? app.store.slackInstallations : undefined,
    logger: wiring.logger ?? app.services.logger,
    slackApiUrl: wiring.slackApiUrl,
    retries: wiring.retries,
    botId: wiring.botId,
    botUserId: wiring.botUserId,
  });
}

/** What `switchboard serve` answers: health, readiness, and each configured surface's paths. */
export function serveRoutes(
  app: App,
  surfaces: { slack?: SlackSurface; shuttingDown: () => boolean },
): Route[] {
  const routes = healthRoutes({
    checks: { database: () => app.store.ping(), config: async () => {} },
    shuttingDown: surfaces.shuttingDown,
  });
  const slack = surfaces.slack;
  const listener = slack?.requestListener;
  if (slack && listener) {
    for (const path of slack.paths) {
      routes.push({ path, methods: path === "/slack/events" ? ["POST"] : ["GET"], handler: listener });
    }
  }
  return routes;
}
