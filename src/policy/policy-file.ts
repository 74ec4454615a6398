/**
 * Reading `switchboard.policy.yml`: YAML → the policy schema, with every problem reported at its line
 * and column. A missing file is not an error here: whether it means "use the defaults" or "refuse to
 * start" is the caller's decision.
 */
import { readFileSync } from "node:fs";
import YAML, { LineCounter } from "yaml";
import type { Policy } from "../core/policy/policy.js";
import { formatPolicyPath, PolicyError, type PolicyIssue } from "../core/policy/policy-error.js";
import { validatePolicy } from "../core/policy/validate-policy.js";
import { locatePath, positionOf } from "./yaml-locate.js";

/** Parses and validates policy text; throws PolicyError naming `sourceName:line:col` for each problem. */
export function parsePolicy(text: string, sourceName: string): Policy {
  const lineCounter = new LineCounter();
  // Pretty errors would embed a source excerpt in the message; we print our own positions instead.
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new PolicyError(
      sourceName,
      doc.errors.map((e) => ({
        ...positionOf(lineCounter, e.pos[0]),
        path: "",
        message: `YAML syntax error: ${e.message}`,
      })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    // toJS refuses alias bombs ("excessive alias count"); report it like any other problem.
    const message = e instanceof Error ? e.message : String(e);
    throw new PolicyError(sourceName, [{ line: null, column: null, path: "", message }]);
  }
  const result = validatePolicy(value);
  if (result.ok) return result.policy;
  const issues: PolicyIssue[] = result.issues.map((i) => ({
    ...locatePath(doc, lineCounter, i.path, i.at),
    path: formatPolicyPath(i.path),
    message: i.message,
  }));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new PolicyError(sourceName, issues);
}

/** Reads and parses a policy file; null when it does not exist. Any other problem is a PolicyError. */
export function loadPolicyFile(path: string): Policy | null {
  const text = readPolicyText(path);
  return text === null ? null : parsePolicy(text, path);
}

/** The file's text, or null when it does not exist; an unreadable file is a PolicyError. */
export function readPolicyText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if (isNotFound(e)) return null;
    throw unreadable(path, e);
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof Error && "code" in e && e.code === "ENOENT";
}

export function unreadable(path: string, e: unknown): PolicyError {
  const message = e instanceof Error ? e.message : String(e);
  return new PolicyError(path, [
    { line: null, column: null, path: "", message: `cannot read the file: ${message}` },
  ]);
}
