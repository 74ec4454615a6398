/**
 * Genesys-style permission evaluation: a subject holds roles in divisions, a role holds
 * `domain:entity:action` strings whose segments may be `*`. Whether something is allowed therefore
 * depends on the division the target lives in, which is what makes division problems look like 404s.
 */

/** One entry of the endpoint table: every listed permission, or at least one of them. */
export type Requirement = { all: readonly string[] } | { any: readonly string[] };

export function requirementPermissions(req: Requirement): readonly string[] {
  return "all" in req ? req.all : req.any;
}

/** Does a held permission (possibly with wildcards) cover a required concrete one? */
export function permissionMatches(held: string, required: string): boolean {
  const h = held.split(":");
  const r = required.split(":");
  if (h.length !== 3 || r.length !== 3) return false;
  return h.every((seg, i) => seg === "*" || seg === r[i]);
}

/** The division id of a grant in all divisions. */
export const ALL_DIVISIONS = "*";

/** Permissions a subject holds, per division id (`*`: in every division). */
export class PermissionSet {
  readonly #byDivision: ReadonlyMap<string, readonly string[]>;

  constructor(byDivision: ReadonlyMap<string, readonly string[]>) {
    this.#byDivision = byDivision;
  }

  /** Held in `divisionId` (directly or through `*`), or (without one) in at least one division. */
  has(permission: string, divisionId?: string): boolean {
    if (divisionId !== undefined) {
      const held = [
        ...(this.#byDivision.get(divisionId) ?? []),
        ...(this.#byDivision.get(ALL_DIVISIONS) ?? []),
      ];
      return held.some((p) => permissionMatches(p, permission));
    }
    for (const perms of this.#byDivision.values()) {
      if (perms.some((p) => permissionMatches(p, permission))) return true;
    }
    return false;
  }

  satisfies(req: Requirement, divisionId?: string): boolean {
    if ("all" in req) return req.all.every((p) => this.has(p, divisionId));
    return req.any.some((p) => this.has(p, divisionId));
  }

  /** What a 403 should name: the missing ones for `all`, the whole list for `any`. */
  missing(req: Requirement, divisionId?: string): string[] {
    if ("all" in req) return req.all.filter((p) => !this.has(p, divisionId));
    return this.satisfies(req, divisionId) ? [] : [...req.any];
  }
}

export interface ResolvedGrant {
  roleId: string;
  divisionId: string;
}

export function permissionSetFrom(
  grants: readonly ResolvedGrant[],
  rolePermissions: (roleId: string) => readonly string[],
): PermissionSet {
  const byDivision = new Map<string, string[]>();
  for (const g of grants) {
    const list = byDivision.get(g.divisionId) ?? [];
    list.push(...rolePermissions(g.roleId));
    byDivision.set(g.divisionId, list);
  }
  return new PermissionSet(byDivision);
}
