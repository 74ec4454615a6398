/**
 * A policy that cannot be used, with every problem located. A start-up with a bad policy refuses to
 * run, and a bad edit to a watched file is logged and ignored; either way the admin needs to see each
 * problem as `file:line:col: path: reason` to fix it without guessing.
 */

export interface PolicyIssue {
  /** 1-based; null when the policy did not come from text (a fixture section built in memory). */
  line: number | null;
  column: number | null;
  /** `orgs.acme.resume.approvers`, or "" for the document itself. */
  path: string;
  message: string;
}

export class PolicyError extends Error {
  readonly source: string;
  readonly issues: PolicyIssue[];

  constructor(source: string, issues: PolicyIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`Invalid policy ${source} (${count}):\n${issues.map((i) => formatIssue(source, i)).join("\n")}`);
    this.name = "PolicyError";
    this.source = source;
    this.issues = issues;
  }
}

/** `file:line:col: path: reason`; the position and path are left out when unknown or empty. */
function formatIssue(source: string, issue: PolicyIssue): string {
  const position =
    issue.line === null ? "" : `:${issue.line}${issue.column === null ? "" : `:${issue.column}`}`;
  return `${source}${position}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

/** `["orgs", "acme", "resume"]` → `orgs.acme.resume` (the form `resolveRule` uses for sources). */
export function formatPolicyPath(path: readonly (string | number)[]): string {
  return path.join(".");
}
