/**
 * Switchboard's own permission check, made before any Genesys change: may this chat identity,
 * through its mapped Genesys user or role, do this action in this division? Deny by default; every
 * answer is a value carrying what the audit log and the caller need.
 */

import type { Clock } from "../kernel/clock.js";
import type { ChatIdentity, DivisionRef } from "../kernel/model.js";
import type { ApprovalRequest } from "../ports/approval-store.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";
import type { IdentityStore } from "../ports/identity-store.js";
import type { LinkedOrg } from "../ports/org-store.js";
import {
  CAMPAIGN_CAPABILITIES,
  CAMPAIGN_PERMISSION,
  type GatedAction,
  isGatedAction,
  requirementFor,
} from "./catalogue.js";
import { type DenialContext, missingPermissionText } from "./denial-text.js";
import { grantReaches, isAllDivisions } from "./division-grants.js";
import {
  type CapabilityScope,
  type DivisionScope,
  type DivisionsAllowed,
  type EffectiveAccess,
  type GateDecision,
  type Identified,
  unresolved,
} from "./gate-decision.js";
import type { GrantsKeep } from "./grants-keep.js";
import { type EffectivePermissions, genesysIdentityLabel, IdentityGrants } from "./identity-grants.js";
import { matchAny } from "./permission-match.js";

const DOING: Record<GatedAction, string> = {
  list: "list campaigns",
  status: "view campaigns",
  why: "diagnose campaigns",
  audit: "read the audit log",
  pause: "pause campaigns",
  resume: "resume campaigns",
  watch: "watch campaigns",
  unwatch: "stop watching campaigns",
  mute: "mute campaign alerts",
};

export interface PermissionGateOptions {
  identities: IdentityStore;
  clock: Clock;
  /** How long grants read from Genesys are reused (default 60 s). */
  ttlMs?: number;
  /** Keeps grants between processes (a one-shot `exec` reuses the last one's). */
  keep?: GrantsKeep;
}

export class PermissionGate {
  readonly #grants: IdentityGrants;

  constructor(grants: IdentityGrants) {
    this.#grants = grants;
  }

  static create(options: PermissionGateOptions): PermissionGate {
    const grants = new IdentityGrants(options.identities, options.clock, {
      ttlMs: options.ttlMs,
      keep: options.keep,
    });
    return new PermissionGate(grants);
  }

  /**
   * This gate for one command: the same cached grants, the caller's mapping read through that
   * command's view of the identity store (so the command's checks read it once between them).
   */
  forCommand(identities: IdentityStore): PermissionGate {
    return new PermissionGate(this.#grants.readingMappingsFrom(identities));
  }

  /** May `actor` do `action` in `division` (or, without one, in at least one division)? */
  check(
    actor: ChatIdentity,
    org: LinkedOrg,
    client: GenesysOrgClient,
    action: GatedAction,
    division?: DivisionRef,
  ): Promise<GateDecision> {
    return this.#decide(actor, org, client, action, DOING[action], requirementFor(action), division);
  }

  /** May `actor` approve or deny `request` for a target in `division`? The policy's permission, else the action's own. */
  checkApprover(
    actor: ChatIdentity,
    org: LinkedOrg,
    client: GenesysOrgClient,
    request: Pick<ApprovalRequest, "action" | "approverPermission">,
    division: DivisionRef,
  ): Promise<GateDecision> {
    const anyOf = request.approverPermission
      ? [request.approverPermission]
      : isGatedAction(request.action)
        ? requirementFor(request.action)
        : [];
    return this.#decide(actor, org, client, "approve", `decide ${request.action} requests`, anyOf, division);
  }

  /** Is the caller mapped to a Genesys identity that Switchboard can read? Checked before resolving names. */
  async identify(
    actor: ChatIdentity,
    org: LinkedOrg,
    client: GenesysOrgClient,
    action: GatedAction,
  ): Promise<Identified> {
    const found = await this.#grants.lookup(actor, org.slug, client);
    if (found.kind === "resolved")
      return { allowed: true, genesysIdentity: genesysIdentityLabel(found.identity) };
    return unresolved(found, action, { actor, org, doing: DOING[action], anyOf: requirementFor(action) });
  }

  /** The divisions in which the caller may do `action` (for filtering `list`); denied when none. */
  async divisionsAllowed(
    actor: ChatIdentity,
    org: LinkedOrg,
    client: GenesysOrgClient,
    action: GatedAction,
  ): Promise<DivisionsAllowed> {
    const anyOf = requirementFor(action);
    const ctx: DenialContext = { actor, org, doing: DOING[action], anyOf };
    const found = await this.#grants.lookup(actor, org.slug, client);
    if (found.kind !== "resolved") return unresolved(found, action, ctx);
    const genesysIdentity = genesysIdentityLabel(found.identity);
    const divisions = scopeOf(found.effective, anyOf);
    if (divisions === "all" || divisions.length > 0) return { allowed: true, genesysIdentity, divisions };
    return {
      allowed: false,
      action,
      reason: "missing_permission",
      missing: [...anyOf],
      genesysIdentity,
      ...missingPermissionText(ctx, found.identity),
    };
  }

  /** What the caller may do with campaigns in this org, per capability and division. */
  async effective(actor: ChatIdentity, org: LinkedOrg, client: GenesysOrgClient): Promise<EffectiveAccess> {
    const found = await this.#grants.lookup(actor, org.slug, client);
    if (found.kind !== "resolved")
      return unresolved(found, "whoami", { actor, org, doing: "act on campaigns", anyOf: [] });
    // Divisions need no permission to list; without them "all divisions" cannot be told apart from "these".
    const orgDivisions =
      found.effective.scope === "divisions" ? await client.listDivisions().catch(() => undefined) : undefined;
    const capabilities: CapabilityScope[] = [];
    for (const capability of CAMPAIGN_CAPABILITIES) {
      const permission = CAMPAIGN_PERMISSION[capability];
      const scope = scopeOf(found.effective, [permission]);
      if (scope !== "all" && scope.length === 0) continue;
      const everywhere =
        scope === "all" ||
        (orgDivisions !== undefined &&
          orgDivisions.length > 0 &&
          orgDivisions.every((d) => scope.some((s) => s.id === d.id)));
      capabilities.push({ capability, permission, divisions: everywhere ? "all" : scope });
    }
    return { allowed: true, genesysIdentity: genesysIdentityLabel(found.identity), capabilities };
  }

  /** Forgets cached grants (after a mapping change); all of them without arguments. */
  invalidate(chatIdentity?: ChatIdentity, orgSlug?: string): Promise<void> {
    return this.#grants.invalidate(chatIdentity, orgSlug);
  }

  async #decide(
    actor: ChatIdentity,
    org: LinkedOrg,
    client: GenesysOrgClient,
    action: string,
    doing: string,
    anyOf: readonly string[],
    division: DivisionRef | undefined,
  ): Promise<GateDecision> {
    const ctx: DenialContext = { actor, org, doing, anyOf, division };
    const found = await this.#grants.lookup(actor, org.slug, client);
    if (found.kind !== "resolved") return unresolved(found, action, ctx);
    const genesysIdentity = genesysIdentityLabel(found.identity);
    const match = matchAny(heldIn(found.effective, division), anyOf);
    if (match) return { allowed: true, action, ...match, genesysIdentity, ...(division ? { division } : {}) };
    return {
      allowed: false,
      action,
      reason: "missing_permission",
      missing: [...anyOf],
      genesysIdentity,
      ...(division ? { division } : {}),
      ...missingPermissionText(ctx, found.identity),
    };
  }
}

/** Permissions held in one division, or (without a division) in any of them. */
function heldIn(effective: EffectivePermissions, division: DivisionRef | undefined): readonly string[] {
  if (effective.scope === "everywhere") return effective.permissions;
  const rows = division
    ? effective.divisions.filter((d) => grantReaches(d.division.id, division.id))
    : effective.divisions;
  return rows.flatMap((d) => d.permissions);
}

function scopeOf(effective: EffectivePermissions, anyOf: readonly string[]): DivisionScope {
  if (effective.scope === "everywhere") return matchAny(effective.permissions, anyOf) ? "all" : [];
  const rows = effective.divisions.filter((d) => matchAny(d.permissions, anyOf));
  // A grant in "*" reaches every division, present and future.
  if (rows.some((d) => isAllDivisions(d.division.id))) return "all";
  return rows.map((d) => d.division);
}
