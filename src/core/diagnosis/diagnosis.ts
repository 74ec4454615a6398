/**
 * The values the 403 explainer works with. A Diagnosis is built from live Genesys data (the org's
 * OAuth client, its roles and divisions, the campaign) and the permission catalogue; renderers and
 * tests read its structured fields, never its sentences.
 */
import type { Campaign, DivisionRef } from "../kernel/model.js";

/** The campaign actions Switchboard performs, as the catalogue names them. */
export type DiagnosedAction = "list" | "status" | "pause" | "resume";
export const DIAGNOSED_ACTIONS: readonly DiagnosedAction[] = ["list", "status", "pause", "resume"];

/** The closed set of causes the explainer can name. */
type CauseKind =
  /** None of the required permissions is held by any of the client's roles, in any division. */
  | "permission_missing"
  /** The action accepts any of several permissions: the client has none of them (or not the preferred one). */
  | "missing_any"
  /** Held, but only in divisions other than the campaign's. */
  | "wrong_division"
  /** The caller's mapped Genesys identity lacks it (Switchboard's check, not Genesys's). */
  | "caller_lacks"
  /** The caller is not mapped in the org, or the mapped user/role is gone from Genesys. */
  | "caller_unmapped"
  /** The OAuth client may not read the caller's grants, so Switchboard cannot check the caller. */
  | "caller_unverifiable"
  /** The linked credentials belong to another Genesys org. */
  | "org_mismatch"
  /** The credentials are valid, but in another region than the one linked. */
  | "wrong_region"
  /** The token endpoint refuses the client id/secret in every region. */
  | "invalid_client"
  /** A 401 on an API call: the token expired, idled out or belongs to another region. */
  | "token_rejected"
  /** A 404 (or a campaign missing from lists) because the client may not view its division. */
  | "not_visible"
  /** A 404 although the client may view every division: the campaign does not exist (any more). */
  | "not_found"
  /** 409 (or 400 "version does not match"): the campaign changed between read and write. */
  | "version_conflict"
  /** 429: over the rate limit; Genesys says how long to wait. */
  | "rate_limited"
  /** The client may not read its own grants (`oauth:client:view` / `authorization:role:view`). */
  | "cannot_read_grants"
  /** Genesys (or the network) failed: 5xx, timeouts, the login service down. */
  | "genesys_unavailable"
  /** Pasted text in another platform's error shape: not a Genesys Cloud error at all. */
  | "not_genesys"
  /** An error the explainer has no specific knowledge of: shown as Genesys said it. */
  | "other";

export interface Cause {
  kind: CauseKind;
  /** `blocking` stops the action; `info` is worth knowing (e.g. pause works only via edit). */
  severity: "blocking" | "info";
  /** One sentence naming the permission, division, role and client involved. */
  summary: string;
  /** The smallest fix: an instruction or a command to type. */
  fix: string;
  permissions?: readonly string[];
  division?: string;
  role?: string;
  client?: string;
  /** The Genesys org the credentials really belong to, or the region they work in. */
  actualOrg?: { id: string; name: string; linkedAs?: string };
  region?: string;
  retryAfterSeconds?: number;
}

/** Would the action succeed for one party (the caller or the org's OAuth client)? */
export type Verdict =
  | { outcome: "allowed"; via: string; heldAs?: string }
  | { outcome: "denied"; reason: string }
  | { outcome: "unknown"; reason: string };

/** One role granted to the OAuth client in one division; names and permissions when readable. */
export interface RoleGrant {
  roleId: string;
  roleName?: string;
  /** Undefined when the client may not read the role (`authorization:role:view`). */
  permissions?: readonly string[];
  division: DivisionRef;
}

/** Something the client tried to read about itself and was refused. */
export interface Unreadable {
  what: string;
  permission: string;
  contextId?: string;
}

/** What the org's OAuth client is, as Genesys reports it live. */
export interface ClientFacts {
  clientId: string;
  clientName: string;
  /** The org its token belongs to (`tokens/me`). */
  org: { id: string; name: string };
  grants: RoleGrant[];
  /** Every division of the org (no permission needed to list them). */
  divisions: DivisionRef[];
  state?: string;
  tokenSeconds?: number;
  dateTokenIdles?: string;
  unreadable: Unreadable[];
}

/** A Genesys error as the explainer reads it: from a pasted body, a live failure or an audit row. */
export interface ErrorFacts {
  status?: number;
  code: string;
  message: string;
  /** Permissions named by a 403. */
  permissions: string[];
  /** `missing.any.permissions`: one of `permissions` suffices. */
  anyOf: boolean;
  contextId?: string;
  retryAfterSeconds?: number;
  method?: string;
  path?: string;
  /** The OAuth token endpoint's `{error, description}` shape. */
  oauth: boolean;
  /**
   * How pasted text compares with a whole Genesys Cloud error body (absent when it is one, and for
   * live and recorded errors): `partial` lacks fields every Genesys error carries, `prose` only
   * names a status, `foreign` is another platform's shape. `note` says what was missing or wrong.
   */
  shape?: { kind: "partial" | "prose" | "foreign"; note: string };
}

export interface Diagnosis {
  orgSlug?: string;
  action?: DiagnosedAction;
  /** The catalogue's requirement (or the error's permissions): any one of them suffices. */
  requirement: readonly string[];
  campaign?: Campaign;
  /** `user:<email>` / `role:<name>` / the chat identity when unmapped. */
  callerLabel?: string;
  caller?: Verdict;
  client?: Verdict;
  /** Blocking causes first. */
  causes: Cause[];
  facts?: ClientFacts;
  error?: ErrorFacts;
}

/** `outbound:campaign:stop` → `stop`: short enough for a table cell. */
export function shortPermission(permission: string): string {
  return permission.split(":").at(-1) ?? permission;
}

/** "a", "a or b", "a, b or c" */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "a permission";
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** "a", "a and b", "a, b and c" */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Blocking causes first, each kind and division once. */
export function orderCauses(diag: Diagnosis): Diagnosis {
  const seen = new Set<string>();
  const causes = [...diag.causes]
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "blocking" ? -1 : 1))
    .filter((c) => {
      const key = `${c.kind}|${c.division ?? ""}|${c.summary}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ...diag, causes };
}
