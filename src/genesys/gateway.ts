/**
 * Hands out the org-bound client for a linked org. One client (so one token, one rate limit) per
 * slug, kept until the link changes: a relink bumps `updatedAt`, which builds a fresh client, so
 * a token from the old credentials is never used again.
 */

import type { Clock } from "../core/kernel/clock.js";
import { AppError } from "../core/kernel/errors.js";
import { relinkHint, unknownRegionHint } from "../core/kernel/hints.js";
import type { TokenInfo } from "../core/kernel/model.js";
import type { GenesysGateway, RegionInfo } from "../core/ports/genesys-gateway.js";
import type { LinkedOrg, OrgCredentials, OrgStore } from "../core/ports/org-store.js";
import type { TokenVault } from "../core/ports/token-vault.js";

import { createOrgClient, type OrgClient, type OrgClientOptions } from "./org-client.js";
import { probeCredentials } from "./probe.js";
import { isRegion, REGION_DOMAINS, REGIONS } from "./regions.js";

export interface GenesysGatewayOptions {
  orgStore: OrgStore;
  simulatorUrl?: string;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  limits?: OrgClientOptions["limits"];
  retry?: OrgClientOptions["retry"];
  timeoutMs?: number;
  /** Passed to every org client: what metrics count (token grants, each HTTP answer). */
  hooks?: OrgClientOptions["hooks"];
  /** Keeps each org's token between processes; `binding` changes when the org is relinked. */
  tokenVaults?: { forOrg(orgSlug: string, binding: string): TokenVault };
}

interface Entry {
  /** What the client was built from; any change means a relink. */
  key: string;
  client: Promise<OrgClient>;
}

/** The gateway with its concrete clients (the composition root needs their notification channels). */
export type ConcreteGenesysGateway = { forOrg(org: LinkedOrg): Promise<OrgClient> } & GenesysGateway;

export function createGenesysGateway(options: GenesysGatewayOptions): ConcreteGenesysGateway {
  const entries = new Map<string, Entry>();

  async function build(org: LinkedOrg, key: string): Promise<OrgClient> {
    const region = org.region;
    if (!isRegion(region)) {
      throw new AppError(
        "org_broken",
        `Org ${org.slug} is linked with an unknown Genesys region "${region}".`,
        {
          hint: unknownRegionHint(org.slug, REGIONS),
        },
      );
    }
    const credentials = await options.orgStore.credentials(org.slug);
    if (!credentials) {
      throw new AppError("org_broken", `Org ${org.slug} has no stored credentials.`, {
        hint: relinkHint(org.slug, region),
      });
    }
    return createOrgClient({
      org: { slug: org.slug, genesysOrgId: org.genesysOrgId, region },
      credentials,
      simulatorUrl: options.simulatorUrl,
      fetch: options.fetch,
      clock: options.clock,
      random: options.random,
      limits: options.limits,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
      hooks: options.hooks,
      tokenVault: options.tokenVaults?.forOrg(org.slug, key),
      onOrgMismatch: (actual) =>
        options.orgStore.setHealth(
          org.slug,
          "broken",
          `credentials belong to Genesys org ${actual.name} (${actual.id}), not ${org.genesysOrgId}`,
        ),
    });
  }

  // Credentials refused at home may be valid in another region: the diagnosis asks each login host.
  const regions: readonly RegionInfo[] = REGIONS.map((key) => ({
    key,
    loginHost: `login.${REGION_DOMAINS[key]}`,
  }));

  async function probe(org: LinkedOrg, region = org.region): Promise<TokenInfo> {
    if (!isRegion(region)) {
      throw new AppError("invalid_input", `"${region}" is not a Genesys region.`, {
        hint: `Regions: ${REGIONS.join(", ")}`,
      });
    }
    const credentials = await options.orgStore.credentials(org.slug);
    if (!credentials) {
      throw new AppError("org_broken", `Org ${org.slug} has no stored credentials.`, {
        hint: relinkHint(org.slug, org.region),
      });
    }
    return probeCredentials({
      region,
      credentials,
      simulatorUrl: options.simulatorUrl,
      fetch: options.fetch,
      slug: org.slug,
    });
  }

  function probeNew(region: string, credentials: OrgCredentials, slug?: string): Promise<TokenInfo> {
    if (!isRegion(region)) {
      return Promise.reject(
        new AppError("invalid_input", `"${region}" is not a Genesys region.`, {
          hint: `Regions: ${REGIONS.join(", ")}`,
        }),
      );
    }
    return probeCredentials({
      region,
      credentials,
      simulatorUrl: options.simulatorUrl,
      fetch: options.fetch,
      slug,
    });
  }

  return {
    probe,
    probeCredentials: probeNew,
    regions: () => regions,
    forOrg(org: LinkedOrg): Promise<OrgClient> {
      const key = `${org.updatedAt.getTime()}|${org.clientId}|${org.region}|${org.genesysOrgId}`;
      const cached = entries.get(org.slug);
      if (cached && cached.key === key) return cached.client;
      // The promise is cached, so concurrent first calls share one client (and so one token).
      const client = build(org, key);
      const entry: Entry = { key, client };
      entries.set(org.slug, entry);
      client.catch(() => {
        if (entries.get(org.slug) === entry) entries.delete(org.slug);
      });
      return client;
    },
    evict(slug: string): void {
      entries.delete(slug);
    },
  };
}
