/**
 * The values PermissionGate answers with, and how a refusal is built from a grants lookup that did
 * not resolve. Kept apart from the gate so commands and renderers depend on the shapes only.
 */
import type { DivisionRef } from "../kernel/model.js";
import type { CampaignCapability } from "./catalogue.js";
import { cannotVerifyText, type DenialContext, identityGoneText, unmappedText } from "./denial-text.js";
import { grantReaches } from "./division-grants.js";
import { type GrantsLookup, genesysIdentityLabel } from "./identity-grants.js";

type DenyReason = "unmapped" | "missing_permission" | "cannot_verify" | "identity_gone";

export interface GateAllowed {
  allowed: true;
  action: string;
  /** The required permission the caller holds (`outbound:campaign:stop`). */
  permission: string;
  /** The held string that covered it (`outbound:campaign:*`). */
  heldAs: string;
  /** `user:<email|id>` or `role:<name>`, for the audit log. */
  genesysIdentity: string;
  division?: DivisionRef;
}

export interface GateDenied {
  allowed: false;
  action: string;
  reason: DenyReason;
  /**
   * `missing_permission`: the caller needs one of these; `cannot_verify`: the permission the org's
   * OAuth client lacks to read grants or roles; otherwise empty.
   */
  missing: string[];
  division?: DivisionRef;
  genesysIdentity?: string;
  message: string;
  hint: string;
}

export type GateDecision = GateAllowed | GateDenied;

/** Where the caller may do something: every division (a mapped role) or the listed ones. */
export type DivisionScope = "all" | readonly DivisionRef[];

export type DivisionsAllowed =
  | { allowed: true; genesysIdentity: string; divisions: DivisionScope }
  | GateDenied;

export type Identified = { allowed: true; genesysIdentity: string } | GateDenied;

export interface CapabilityScope {
  capability: CampaignCapability;
  permission: string;
  divisions: DivisionScope;
}

/** For `whoami`: each outbound capability the caller holds somewhere, and where. */
export type EffectiveAccess =
  | { allowed: true; genesysIdentity: string; capabilities: CapabilityScope[] }
  | GateDenied;

/** Is `divisionId` inside a scope returned by `divisionsAllowed`? */
export function inScope(scope: DivisionScope, divisionId: string): boolean {
  return scope === "all" || scope.some((d) => grantReaches(d.id, divisionId));
}

/** The refusal for a caller whose mapping is missing, unreadable or gone. */
export function unresolved(
  found: Exclude<GrantsLookup, { kind: "resolved" }>,
  action: string,
  ctx: DenialContext,
): GateDenied {
  const division = ctx.division ? { division: ctx.division } : {};
  switch (found.kind) {
    case "unmapped":
      return { allowed: false, action, reason: "unmapped", missing: [], ...division, ...unmappedText(ctx) };
    case "cannot_verify":
      return {
        allowed: false,
        action,
        reason: "cannot_verify",
        missing: [found.clientPermission],
        genesysIdentity: genesysIdentityLabel(found.identity),
        ...division,
        ...cannotVerifyText(ctx, found.clientPermission),
      };
    case "identity_gone":
      return {
        allowed: false,
        action,
        reason: "identity_gone",
        missing: [],
        genesysIdentity: genesysIdentityLabel(found.identity),
        ...division,
        ...identityGoneText(ctx, found.identity),
      };
  }
}
