/**
 * Genesys permission strings are `domain:entity:action`; a role may hold `*` in any segment
 * (`outbound:*:*`, `outbound:campaign:*`, `*:*:*`) or a bare `*`. Matching ignores case because
 * Genesys does (admins type `Outbound:Campaign:View` into policies and it works).
 */

/** Does the held permission (wildcards allowed) cover the required, concrete one? */
export function permissionMatches(held: string, required: string): boolean {
  const h = held.trim().toLowerCase();
  const r = required.trim().toLowerCase();
  if (h === "*") return r.length > 0;
  const hs = h.split(":");
  const rs = r.split(":");
  // Anything not shaped like a permission grants nothing: deny by default.
  if (hs.length !== 3 || rs.length !== 3 || rs.some((s) => s === "")) return false;
  return hs.every((seg, i) => seg === "*" || seg === rs[i]);
}

export interface PermissionMatch {
  /** The required permission that is satisfied (e.g. `outbound:campaign:stop`). */
  permission: string;
  /** The held string that satisfied it (e.g. `outbound:campaign:*`). */
  heldAs: string;
}

/** The first of `anyOf` (in its order) covered by something in `held`, or undefined. */
export function matchAny(held: readonly string[], anyOf: readonly string[]): PermissionMatch | undefined {
  for (const permission of anyOf) {
    const heldAs = held.find((h) => permissionMatches(h, permission));
    if (heldAs !== undefined) return { permission, heldAs };
  }
  return undefined;
}
