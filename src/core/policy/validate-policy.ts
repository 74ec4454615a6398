/**
 * Validation of an already-parsed policy value, shared by the YAML file loader (which adds line and
 * column) and simulator fixtures (whose `switchboard.policy` section is parsed with the fixture).
 */
import type { z } from "zod";
import { closestMatches } from "../kernel/text-match.js";
import { DEFAULT_POLICY, POLICY_ACTIONS, type Policy } from "./policy.js";
import { formatPolicyPath, PolicyError } from "./policy-error.js";
import { BULK_RULE_FIELDS, policySchema, SINGLE_RULE_FIELDS } from "./policy-schema.js";

/** A problem at a path of the parsed value; `at: "key"` points at a mapping key rather than its value. */
interface PathIssue {
  path: (string | number)[];
  at: "key" | "value";
  message: string;
}

export type PolicyValidation = { ok: true; policy: Policy } | { ok: false; issues: PathIssue[] };

export function validatePolicy(value: unknown): PolicyValidation {
  // An empty document (or one with only comments) means "no overrides".
  if (value === null || value === undefined) return { ok: true, policy: DEFAULT_POLICY };
  const parsed = policySchema.safeParse(value);
  if (parsed.success) {
    const empty = Object.keys(parsed.data.orgs).length === 0;
    return { ok: true, policy: empty ? DEFAULT_POLICY : parsed.data };
  }
  return { ok: false, issues: parsed.error.issues.flatMap(toPathIssues) };
}

/** Validates the `switchboard.policy` section of a simulator fixture; `{}` gives DEFAULT_POLICY. */
export function policyFromFixtureSection(value: unknown, source: string): Policy {
  const result = validatePolicy(value);
  if (result.ok) return result.policy;
  throw new PolicyError(
    source,
    result.issues.map((i) => ({
      line: null,
      column: null,
      path: formatPolicyPath(i.path),
      message: i.message,
    })),
  );
}

function toPathIssues(issue: z.core.$ZodIssue): PathIssue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...path, key],
      at: "key",
      message: unknownKeyMessage(path, key),
    }));
  }
  if (issue.code === "invalid_key") {
    // The record's own message ("Invalid key in record") hides the reason the key schema gave.
    return [{ path, at: "key", message: issue.issues[0]?.message ?? issue.message }];
  }
  return [{ path, at: "value", message: issue.message }];
}

function unknownKeyMessage(path: readonly (string | number)[], key: string): string {
  const [kind, known] =
    path.length === 0
      ? ["key", ["version", "orgs"]]
      : path.length === 2
        ? ["action", [...POLICY_ACTIONS]]
        : ["field", String(path[2]).endsWith("-bulk") ? [...BULK_RULE_FIELDS] : [...SINGLE_RULE_FIELDS]];
  if (kind === "field" && key === "confirm") {
    return `unknown field "confirm": confirm applies only to bulk actions (${path[2]}-bulk)`;
  }
  const guess = closestMatches(key, known, 1)[0];
  const hint = guess ? `did you mean "${guess}"? ` : "";
  return `unknown ${kind} "${key}" (${hint}expected one of: ${known.join(", ")})`;
}
