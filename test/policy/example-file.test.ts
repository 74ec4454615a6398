import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, resolveRule } from "../../src/core/policy/policy.js";
import { loadPolicyFile, parsePolicy } from "../../src/policy/policy-file.js";

const EXAMPLE = path.resolve(import.meta.dirname, "../../switchboard.policy.example.yml");
const OVERRIDES_MARKER = "  # Per-org overrides go here, for example:\n";

describe("switchboard.policy.example.yml", () => {
  const text = readFileSync(EXAMPLE, "utf8");

  it("parses", () => {
    expect(loadPolicyFile(EXAMPLE)).not.toBeNull();
  });

  it("spells out exactly the built-in defaults", () => {
    const policy = parsePolicy(text, EXAMPLE);
    for (const org of ["acme", "globex"]) {
      for (const action of ["pause", "resume"] as const) {
        for (const bulk of [false, true]) {
          const { source: _s, fieldSources: _f, ...fromExample } = resolveRule(policy, org, action, { bulk });
          const {
            source: _t,
            fieldSources: _g,
            ...fromDefaults
          } = resolveRule(DEFAULT_POLICY, org, action, {
            bulk,
          });
          expect(fromExample, `${org} ${action} bulk=${bulk}`).toEqual(fromDefaults);
        }
      }
    }
  });

  it("shows an override example that works once uncommented", () => {
    const at = text.indexOf(OVERRIDES_MARKER);
    expect(at).toBeGreaterThan(0);
    const tail = text.slice(at + OVERRIDES_MARKER.length).replace(/^ {2}#( |$)/gm, "  ");
    const policy = parsePolicy(text.slice(0, at) + tail, "example, uncommented");
    expect(resolveRule(policy, "acme", "resume", { bulk: false })).toMatchObject({
      approvers: 2,
      approverPermission: "outbound:campaign:edit",
      expiresMs: 15 * 60_000,
    });
    expect(resolveRule(policy, "acme", "pause", { bulk: true })).toMatchObject({
      approval: "required",
      expiresMs: 30 * 60_000,
    });
    expect(resolveRule(policy, "globex", "resume", { bulk: false }).approvers).toBe(1);
  });
});
