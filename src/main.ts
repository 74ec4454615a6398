/**
 * Composition root: the only place where concrete classes meet. Everything else receives its
 * collaborators as ports.
 */

import type { Config } from "./config.js";
import { builtinCommands } from "./core/commands/index.js";
import { Dispatcher } from "./core/dispatcher.js";
import { type Clock, systemClock } from "./core/ports.js";
import type { CoreServices, Logger } from "./core/services.js";
import { createGenesysGateway } from "./genesys/gateway.js";
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
  clock?: Clock;
  fetch?: typeof fetch;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

export async function buildApp(options: AppOptions) {
  const { config, logger } = options;
  const oldKeys = config.oldMasterKeys.map((text) => {
    const key = parseMasterKey(text);
    return { id: keyIdFor(key), key };
  });
  const cipher = createCipher([{ id: keyIdFor(options.masterKey), key: options.masterKey }, ...oldKeys]);
  const store = await openStore({ url: options.databaseUrl, cipher });
  const clock = options.clock ?? systemClock;
  const genesys = createGenesysGateway({
    orgStore: store.orgs,
    simulatorUrl: options.simulatorUrl,
    fetch: options.fetch,
    clock,
    limits: config.genesysLimits,
  });
  const admins = new Set([...config.admins, ...(options.admins ?? [])].map(asIdentity));
  const services: CoreServices = {
    orgs: store.orgs,
    identities: store.identities,
    audit: store.audit,
    genesys,
    clock,
    logger,
    settings: { stopWaitMs: config.stopWaitMs, pollIntervalMs: config.pollIntervalMs, listLimit: 50 },
    isAdmin: (identity) => admins.has(identity),
  };
  const dispatcher = new Dispatcher(services, builtinCommands());
  return {
    dispatcher,
    services,
    store,
    async close() {
      await store.close();
    },
  };
}

/** `admin` → `shell:admin`; platform-qualified identities pass through. */
export function asIdentity(nameOrIdentity: string): string {
  return nameOrIdentity.includes(":") ? nameOrIdentity : `shell:${nameOrIdentity}`;
}
