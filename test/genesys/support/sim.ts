/** Starting the real simulator and building org clients against it, for the end-to-end tests. */

import { createOrgClient, type OrgClient, type OrgClientOptions } from "../../../src/genesys/org-client.js";
import { parseFixture, type Simulator, startSimulator } from "../../../src/genesys-sim/index.js";
import { ORG, SECRETS } from "./fixtures.js";

export type OrgName = keyof typeof ORG;

export function startSim(
  yaml: string,
  options: { now?: () => number; random?: () => number } = {},
): Promise<Simulator> {
  return startSimulator({ fixture: parseFixture(yaml), ...options });
}

const CLIENT_IDS: Record<OrgName, { clientId: string; clientSecret: string }> = {
  acme: { clientId: "client-acme", clientSecret: SECRETS.acme },
  globex: { clientId: "client-globex", clientSecret: SECRETS.globex },
  initech: { clientId: "client-initech", clientSecret: SECRETS.initech },
};

/** A client for `org` linked correctly (its own id, region and credentials) unless overridden. */
export function clientFor(
  sim: Simulator,
  org: OrgName,
  overrides: Partial<OrgClientOptions> = {},
): OrgClient {
  return createOrgClient({
    org: { ...ORG[org] },
    credentials: CLIENT_IDS[org],
    simulatorUrl: sim.url,
    // No real waiting in tests unless a test brings its own clock.
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

/** Everything an error exposes: own properties, message, stack and its JSON form. */
export function everythingIn(error: unknown): string {
  if (!(error instanceof Error)) return JSON.stringify(error);
  const own = Object.fromEntries(Object.getOwnPropertyNames(error).map((k) => [k, Reflect.get(error, k)]));
  return [JSON.stringify(own), JSON.stringify(error), String(error), error.stack ?? ""].join("\n");
}
