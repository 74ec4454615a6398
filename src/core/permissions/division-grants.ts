/**
 * The one rule for comparing a grant's division with a target's: Genesys grants a role in "all
 * divisions" as ONE grant whose division id is `"*"` (user grants, group grants, an OAuth client's
 * roleDivisions). Such a grant reaches every division, including ones created after it was made.
 * Everything that reads a grant compares divisions through here.
 */
import type { DivisionRef } from "../kernel/model.js";

/** The division id Genesys uses for a grant in all divisions. */
const ALL_DIVISIONS_ID = "*";
/** How such a grant is shown to people. */
const ALL_DIVISIONS_LABEL = "all divisions";

export function isAllDivisions(divisionId: string): boolean {
  return divisionId === ALL_DIVISIONS_ID;
}

/** Does a grant made in `grantDivisionId` apply to something in `targetDivisionId`? */
export function grantReaches(grantDivisionId: string, targetDivisionId: string): boolean {
  return isAllDivisions(grantDivisionId) || grantDivisionId === targetDivisionId;
}

/** A grant's division as shown: `*` always reads "all divisions", whatever name Genesys sent. */
export function grantDivision(id: string, name?: string): DivisionRef {
  if (isAllDivisions(id)) return { id, name: ALL_DIVISIONS_LABEL };
  return { id, name: name || id };
}

/** Real divisions only (no `*`), each once: for deriving an org's divisions from grants. */
export function concreteDivisions(divisions: readonly DivisionRef[]): DivisionRef[] {
  return [...new Map(divisions.filter((d) => !isAllDivisions(d.id)).map((d) => [d.id, d])).values()];
}
