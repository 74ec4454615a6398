/**
 * Reads what a chat identity's mapped Genesys identity may do in one org, from Genesys itself,
 * through that org's OAuth client: a mapped user's grants (role × division) and each role's
 * permissions, or a mapped role's permissions (which then count in every division).
 */

import type { Clock } from "../kernel/clock.js";
import { isGenesysError } from "../kernel/genesys-error.js";
import type { ChatIdentity, DivisionRef, Grant, RoleInfo } from "../kernel/model.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { GenesysIdentity, IdentityStore } from "../ports/identity-store.js";
import { grantDivision } from "./division-grants.js";
import type { GrantsKeep } from "./grants-keep.js";

/** Permissions per division (a mapped user), or the same permissions everywhere (a mapped role). */
export type EffectivePermissions =
  | { scope: "everywhere"; permissions: readonly string[] }
  | {
      scope: "divisions";
      divisions: ReadonlyArray<{ division: DivisionRef; permissions: readonly string[] }>;
    };

export type GrantsLookup =
  | { kind: "unmapped" }
  | { kind: "resolved"; identity: GenesysIdentity; effective: EffectivePermissions }
  /** The org's OAuth client may not read grants or roles: nothing can be verified. */
  | { kind: "cannot_verify"; identity: GenesysIdentity; clientPermission: string; contextId?: string }
  /** The mapped user or role no longer exists in Genesys. */
  | { kind: "identity_gone"; identity: GenesysIdentity };

export interface IdentityGrantsOptions {
  /** How long a lookup is reused; Genesys-side grant changes show after at most this long. */
  ttlMs?: number;
  /** Where resolved lookups outlive the process (so the next `exec` reuses them); none by default. */
  keep?: GrantsKeep;
}

const GRANT_VIEW = "authorization:grant:view";
const ROLE_VIEW = "authorization:role:view";

interface CacheEntry {
  mappingKey: string;
  at: number;
  value: Promise<GrantsLookup>;
}

/** `user:<email|id>` / `role:<name>`: how a Genesys identity appears in the audit log and messages. */
export function genesysIdentityLabel(identity: GenesysIdentity): string {
  return identity.kind === "user" ? `user:${identity.email ?? identity.userId}` : `role:${identity.roleName}`;
}

/**
 * Lookups are cached per (org, chat identity) for a short while. The mapping itself is read from
 * the store on every call (a local query) and is part of the cache key, so a map/unmap made by
 * another process (the CLI) applies at once; only Genesys-side changes wait for the TTL.
 */
export class IdentityGrants {
  readonly #identities: IdentityStore;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #keep: GrantsKeep | undefined;
  /** Shared by the per-command copies (readingMappingsFrom), so they all reuse one set of lookups. */
  #cache = new Map<string, CacheEntry>();

  constructor(identities: IdentityStore, clock: Clock, options: IdentityGrantsOptions = {}) {
    this.#identities = identities;
    this.#clock = clock;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#keep = options.keep;
  }

  /** The same cached lookups, with mappings read through `identities` (one command's view of the store). */
  readingMappingsFrom(identities: IdentityStore): IdentityGrants {
    const copy = new IdentityGrants(identities, this.#clock, { ttlMs: this.#ttlMs, keep: this.#keep });
    copy.#cache = this.#cache;
    return copy;
  }

  async lookup(chatIdentity: ChatIdentity, orgSlug: string, client: GenesysOrgClient): Promise<GrantsLookup> {
    const mapping = await this.#identities.get(chatIdentity, orgSlug);
    const key = cacheKey(chatIdentity, orgSlug);
    if (!mapping) {
      this.#cache.delete(key);
      return { kind: "unmapped" };
    }
    const mappingKey = mappingKeyOf(mapping.genesys);
    const now = this.#clock.now().getTime();
    const hit = this.#cache.get(key);
    if (hit && hit.mappingKey === mappingKey && now - hit.at < this.#ttlMs) return hit.value;
    const entry: CacheEntry = { mappingKey, at: now, value: Promise.resolve({ kind: "unmapped" }) };
    entry.value = this.#keptOrRead(chatIdentity, orgSlug, mapping.genesys, client, entry);
    this.#cache.set(key, entry);
    // A fault (network, 5xx) is not an answer: the next call asks Genesys again.
    entry.value.catch(() => {
      if (this.#cache.get(key) === entry) this.#cache.delete(key);
    });
    return entry.value;
  }

  /**
   * Kept grants read within the lifetime by another process (its read time becomes the entry's, so
   * they expire as they would have there), else a read from Genesys, kept when it resolved.
   */
  async #keptOrRead(
    chatIdentity: ChatIdentity,
    orgSlug: string,
    identity: GenesysIdentity,
    client: GenesysOrgClient,
    entry: CacheEntry,
  ): Promise<GrantsLookup> {
    const keep = this.#keep;
    if (!keep) return readGrants(identity, client);
    const kept = await keep.load(chatIdentity, orgSlug);
    const age = kept ? entry.at - kept.readAt.getTime() : Number.POSITIVE_INFINITY;
    if (kept && kept.mappingKey === entry.mappingKey && age >= 0 && age < this.#ttlMs) {
      const lookup = parseKept(kept.lookup);
      if (lookup) {
        entry.at = kept.readAt.getTime();
        return lookup;
      }
    }
    const value = await readGrants(identity, client);
    if (value.kind === "resolved")
      await keep.save(chatIdentity, orgSlug, {
        mappingKey: entry.mappingKey,
        readAt: new Date(entry.at),
        lookup: JSON.stringify(value),
      });
    return value;
  }

  /** Forgets cached lookups: all, one chat identity's, one org's, or one pair's (kept ones too). */
  async invalidate(chatIdentity?: ChatIdentity, orgSlug?: string): Promise<void> {
    for (const key of [...this.#cache.keys()]) {
      const [identity, slug] = splitKey(key);
      if (
        (chatIdentity === undefined || identity === chatIdentity) &&
        (orgSlug === undefined || slug === orgSlug)
      )
        this.#cache.delete(key);
    }
    await this.#keep?.drop(chatIdentity, orgSlug);
  }
}

/** Kept grants as written by `#keptOrRead`; anything else (an older shape) is read again. */
function parseKept(json: string): GrantsLookup | undefined {
  try {
    const value = JSON.parse(json) as GrantsLookup;
    return value && value.kind === "resolved" && value.effective ? value : undefined;
  } catch {
    return undefined;
  }
}

const SEP = "\u0000";
const cacheKey = (identity: string, slug: string) => `${identity}${SEP}${slug}`;
const splitKey = (key: string) => key.split(SEP);
const mappingKeyOf = (g: GenesysIdentity) =>
  g.kind === "user" ? `user#${g.userId}` : `role#${g.roleName.toLowerCase()}`;

async function readGrants(identity: GenesysIdentity, client: GenesysOrgClient): Promise<GrantsLookup> {
  return identity.kind === "role" ? readRole(identity, client) : readUser(identity, client);
}

async function readRole(
  identity: Extract<GenesysIdentity, { kind: "role" }>,
  client: GenesysOrgClient,
): Promise<GrantsLookup> {
  let roles: RoleInfo[];
  try {
    roles = await client.findRolesByName(identity.roleName);
  } catch (e) {
    return refusal(e, identity, ROLE_VIEW);
  }
  // Genesys role names are unique per org; findRolesByName already compared them exactly.
  const role = roles[0];
  if (!role) return { kind: "identity_gone", identity };
  return { kind: "resolved", identity, effective: { scope: "everywhere", permissions: role.permissions } };
}

async function readUser(
  identity: Extract<GenesysIdentity, { kind: "user" }>,
  client: GenesysOrgClient,
): Promise<GrantsLookup> {
  let grants: Grant[];
  try {
    grants = await client.getSubjectGrants(identity.userId);
  } catch (e) {
    if (isGenesysError(e) && e.status === 404) return { kind: "identity_gone", identity };
    return refusal(e, identity, GRANT_VIEW);
  }
  const roleIds = [...new Set(grants.map((g) => g.role.id))];
  const permissionsOf = new Map<string, readonly string[]>();
  try {
    await Promise.all(
      roleIds.map(async (id) => {
        try {
          permissionsOf.set(id, (await client.getRole(id)).permissions);
        } catch (e) {
          // A role deleted since it was granted grants nothing.
          if (isGenesysError(e) && e.status === 404) permissionsOf.set(id, []);
          else throw e;
        }
      }),
    );
  } catch (e) {
    return refusal(e, identity, ROLE_VIEW);
  }
  const byDivision = new Map<string, { division: DivisionRef; permissions: string[] }>();
  // Grants the user holds through groups come back in the same list; "*" is kept as one row.
  for (const g of grants) {
    const row = byDivision.get(g.division.id) ?? {
      division: grantDivision(g.division.id, g.division.name),
      permissions: [],
    };
    row.permissions.push(...(permissionsOf.get(g.role.id) ?? []));
    byDivision.set(g.division.id, row);
  }
  return {
    kind: "resolved",
    identity,
    effective: { scope: "divisions", divisions: [...byDivision.values()] },
  };
}

/** A 403 means the OAuth client lacks the read permission: a distinct outcome. Anything else is a fault. */
function refusal(e: unknown, identity: GenesysIdentity, fallbackPermission: string): GrantsLookup {
  if (!isGenesysError(e) || e.status !== 403) throw e;
  const named = e.requiredPermissions.find((p) => p.startsWith("authorization:"));
  return {
    kind: "cannot_verify",
    identity,
    clientPermission: named ?? fallbackPermission,
    ...(e.contextId ? { contextId: e.contextId } : {}),
  };
}
