/**
 * For lists that name campaigns across orgs (`approvals`, `schedule list`): may the caller view
 * every campaign an item names? Being mapped in the org is not enough — a Home-only viewer must not
 * read the names and reasons of Sales requests (issue 11 row 9). One grants lookup per org.
 */
import type { DivisionRef } from "../kernel/model.js";
import type { CoreServices } from "../services.js";
import { type DivisionScope, inScope } from "./gate-decision.js";

export type ViewableCheck = (orgSlug: string, divisions: readonly DivisionRef[]) => Promise<boolean>;

export function viewableChecker(
  services: Pick<CoreServices, "orgs" | "genesys" | "gate">,
  actor: string,
): ViewableCheck {
  const scopes = new Map<string, Promise<DivisionScope>>();
  const scopeIn = async (orgSlug: string): Promise<DivisionScope> => {
    try {
      const org = await services.orgs.get(orgSlug);
      if (!org) return [];
      const client = await services.genesys.forOrg(org);
      const access = await services.gate.divisionsAllowed(actor, org, client, "status");
      return access.allowed ? access.divisions : [];
    } catch {
      // Grants that cannot be read show nothing rather than everything.
      return [];
    }
  };
  return async (orgSlug, divisions) => {
    let scope = scopes.get(orgSlug);
    if (!scope) {
      scope = scopeIn(orgSlug);
      scopes.set(orgSlug, scope);
    }
    const held = await scope;
    return divisions.every((d) => inScope(held, d.id));
  };
}
