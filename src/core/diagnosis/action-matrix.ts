/**
 * Every Switchboard action × every division of an org: would Genesys let the org's OAuth client do
 * it there, and if not, which permission is missing. The same assessment `why` makes for one
 * campaign, made for all divisions at once.
 */
import type { DivisionRef } from "../kernel/model.js";
import { CAMPAIGN_PERMISSION, requirementFor } from "../permissions/catalogue.js";
import { assessClient } from "./client-verdict.js";
import type { Cause, ClientFacts, DiagnosedAction } from "./diagnosis.js";
import { DIAGNOSED_ACTIONS, shortPermission } from "./diagnosis.js";

interface MatrixCell {
  /** Short: `yes`, `yes (edit)`, `not visible`, `no: lacks stop/edit`, `unknown`. */
  text: string;
  allowed: boolean | "unknown";
  /** Why not (or the alternative used), with the fix. */
  cause?: Cause;
}

export interface MatrixRow {
  division: DivisionRef;
  cells: Record<DiagnosedAction, MatrixCell>;
}

/**
 * `seen`: divisions where the client was seen listing campaigns. When its roles cannot be read,
 * that still proves it may view there.
 */
export function actionMatrix(facts: ClientFacts, seen: ReadonlySet<string> = new Set()): MatrixRow[] {
  const divisions = facts.divisions.length
    ? facts.divisions
    : [...new Map(facts.grants.map((g) => [g.division.id, g.division])).values()];
  return divisions.map((division) => {
    const view = assessClient(facts, [CAMPAIGN_PERMISSION.view], division);
    const cells = {} as Record<DiagnosedAction, MatrixCell>;
    for (const action of DIAGNOSED_ACTIONS) {
      const anyOf = requirementFor(action);
      const { verdict, causes } = assessClient(facts, anyOf, division, action);
      const [cause] = causes;
      const withCause = cause ? { cause } : {};
      if (verdict.outcome === "allowed") {
        const alt = verdict.via !== anyOf[0];
        cells[action] = {
          text: alt ? `yes (${shortPermission(verdict.via)})` : "yes",
          allowed: true,
          ...withCause,
        };
      } else if (verdict.outcome === "unknown") {
        const seenHere = seen.has(division.id) && (action === "list" || action === "status");
        cells[action] = seenHere
          ? { text: "yes (seen)", allowed: true }
          : { text: "unknown", allowed: "unknown", ...withCause };
      } else if (view.verdict.outcome === "denied") {
        // Without view the campaign is a 404 to the client, whatever else it holds.
        cells[action] = {
          text: "not visible",
          allowed: false,
          ...(view.causes[0] ? { cause: view.causes[0] } : {}),
        };
      } else {
        cells[action] = {
          text: `no: lacks ${anyOf.map(shortPermission).join("/")}`,
          allowed: false,
          ...withCause,
        };
      }
    }
    return { division, cells };
  });
}

/** The findings of a matrix, worst first: divisions it cannot see, actions it cannot do, alternatives in use. */
export function matrixFindings(rows: readonly MatrixRow[]): Cause[] {
  const found: Cause[] = [];
  const seen = new Set<string>();
  const add = (c: Cause | undefined, division: string) => {
    if (!c) return;
    // One finding per fix: the same grant missing in three divisions is one thing to do.
    const key = `${c.kind}|${c.fix}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ ...c, division: c.division ?? division });
  };
  for (const pass of ["not visible", "no", "unknown", "alt"] as const) {
    for (const row of rows) {
      for (const action of DIAGNOSED_ACTIONS) {
        const cell = row.cells[action];
        const matches =
          pass === "not visible"
            ? cell.text === "not visible"
            : pass === "no"
              ? cell.text.startsWith("no:")
              : pass === "unknown"
                ? cell.allowed === "unknown"
                : cell.allowed === true && cell.cause !== undefined;
        if (matches) add(cell.cause, row.division.name);
      }
    }
  }
  return found;
}

/** The matrix in a few words, for a table cell: "not visible in Collections; pause only via edit". */
export function matrixSummary(rows: readonly MatrixRow[]): string {
  const parts: string[] = [];
  const where = (test: (cell: MatrixCell) => boolean, action: DiagnosedAction) =>
    rows.filter((r) => test(r.cells[action])).map((r) => r.division.name);
  const hidden = where((c) => c.text === "not visible", "list");
  if (hidden.length) parts.push(`not visible in ${hidden.join(", ")}`);
  for (const action of DIAGNOSED_ACTIONS) {
    const refused = where((c) => c.text.startsWith("no:"), action);
    if (refused.length) parts.push(`${action} refused in ${refused.join(", ")}`);
    const alt = rows.map((r) => r.cells[action].text).find((t) => /^yes \((?!seen)/.test(t));
    if (alt) parts.push(`${action} only via ${alt.slice(5, -1)}`);
  }
  const unknown = DIAGNOSED_ACTIONS.filter((a) => rows.some((r) => r.cells[a].allowed === "unknown"));
  if (unknown.length) parts.push(`unknown: ${unknown.join(", ")} (roles unreadable)`);
  return parts.join("; ");
}
