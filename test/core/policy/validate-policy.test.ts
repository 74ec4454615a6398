import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, resolveRule } from "../../../src/core/policy/policy.js";
import { PolicyError } from "../../../src/core/policy/policy-error.js";
import { staticPolicy } from "../../../src/core/policy/policy-source.js";
import { policyFromFixtureSection, validatePolicy } from "../../../src/core/policy/validate-policy.js";

const withRule = (rule: Record<string, unknown>, action = "resume") => ({
  orgs: { acme: { [action]: rule } },
});

function problems(value: unknown): { path: string; message: string }[] {
  const result = validatePolicy(value);
  if (result.ok) throw new Error("expected the policy to be rejected");
  return result.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

function accepts(value: unknown): boolean {
  return validatePolicy(value).ok;
}

describe("validatePolicy", () => {
  it("turns an expiry into milliseconds", () => {
    const cases: [string, number][] = [
      ["15m", 900_000],
      ["2h", 7_200_000],
      ["90s", 90_000],
      ["45 minutes", 2_700_000],
      ["1d", 86_400_000],
    ];
    for (const [text, ms] of cases) {
      const result = validatePolicy(withRule({ expires: text }));
      expect(result.ok && result.policy.orgs.acme?.resume).toEqual({ expiresMs: ms });
    }
  });

  it("rejects an expiry outside 1m–24h or that is not a duration", () => {
    for (const bad of ["59s", "25h", "0m", "soon", "15", 15]) {
      expect(problems(withRule({ expires: bad }))).toEqual([
        { path: "orgs.acme.resume.expires", message: expect.stringContaining("from 1m to 24h") },
      ]);
    }
  });

  it("accepts 1 to 5 approvers and nothing else", () => {
    for (const n of [1, 5]) expect(accepts(withRule({ approvers: n }))).toBe(true);
    for (const n of [0, 6, 2.5, "2"]) {
      expect(problems(withRule({ approvers: n }))[0]?.path).toBe("orgs.acme.resume.approvers");
    }
  });

  it("accepts approver permissions shaped domain:entity:action, with * segments, or null", () => {
    for (const p of ["outbound:campaign:start", "outbound:campaign:*", "*:*:*", null]) {
      expect(accepts(withRule({ approverPermission: p }))).toBe(true);
    }
    for (const p of [
      "outbound:campaign",
      "outbound.campaign.start",
      "a:b:c:d",
      "outbound campaign start",
      "",
    ]) {
      expect(problems(withRule({ approverPermission: p }))).toEqual([
        {
          path: "orgs.acme.resume.approverPermission",
          message: expect.stringContaining("domain:entity:action"),
        },
      ]);
    }
  });

  it("accepts confirm on bulk actions only", () => {
    expect(accepts(withRule({ confirm: true }, "pause-bulk"))).toBe(true);
    expect(problems(withRule({ confirm: true }, "pause"))).toEqual([
      {
        path: "orgs.acme.pause.confirm",
        message: expect.stringContaining("only to bulk actions (pause-bulk)"),
      },
    ]);
  });

  it("accepts '*' and org slugs as org keys", () => {
    for (const key of ["*", "acme", "a-b-1", "0org", "a".repeat(32)]) {
      expect(accepts({ orgs: { [key]: {} } })).toBe(true);
    }
    for (const key of ["Acme", "-acme", "ac_me", "a".repeat(33), "**"]) {
      expect(problems({ orgs: { [key]: {} } })).toEqual([
        { path: `orgs.${key}`, message: expect.stringContaining('must be "*" (every org) or an org slug') },
      ]);
    }
  });

  it("suggests the closest name for an unknown action or field", () => {
    expect(problems({ orgs: { acme: { resum: {} } } })[0]?.message).toContain(
      'unknown action "resum" (did you mean "resume"?',
    );
    expect(problems(withRule({ aprovers: 2 }))[0]).toEqual({
      path: "orgs.acme.resume.aprovers",
      message: expect.stringContaining('unknown field "aprovers" (did you mean "approvers"?'),
    });
    expect(problems({ org: {} })[0]?.message).toContain('unknown key "org" (did you mean "orgs"?');
  });

  it("accepts version 1 or none, and no other", () => {
    expect(validatePolicy({ version: 1, orgs: { acme: {} } })).toMatchObject({
      ok: true,
      policy: { version: 1 },
    });
    expect(validatePolicy({ orgs: { acme: {} } })).toMatchObject({ ok: true, policy: { version: 1 } });
    expect(problems({ version: 2 })).toEqual([{ path: "version", message: "only version 1 is supported" }]);
  });

  it("treats an empty document or empty orgs as the default policy", () => {
    for (const empty of [null, undefined, {}, { orgs: {} }, { version: 1 }]) {
      expect(validatePolicy(empty)).toEqual({ ok: true, policy: DEFAULT_POLICY });
    }
  });
});

describe("policyFromFixtureSection", () => {
  it("gives the default policy for an empty section", () => {
    expect(policyFromFixtureSection({}, "demo.yml")).toBe(DEFAULT_POLICY);
  });

  it("validates with the file's schema", () => {
    const policy = policyFromFixtureSection({ orgs: { acme: { resume: { approvers: 2 } } } }, "demo.yml");
    expect(resolveRule(policy, "acme", "resume", { bulk: false }).approvers).toBe(2);
  });

  it("reports problems by path, without a position", () => {
    let error: unknown;
    try {
      policyFromFixtureSection(
        { orgs: { acme: { resume: { approvers: 0 } } } },
        "scenario.yml switchboard.policy",
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const policyError = error as PolicyError;
    expect(policyError.issues).toEqual([
      { line: null, column: null, path: "orgs.acme.resume.approvers", message: expect.any(String) },
    ]);
    expect(policyError.message).toContain(
      "scenario.yml switchboard.policy: orgs.acme.resume.approvers: must be at least 1",
    );
  });
});

describe("staticPolicy", () => {
  it("answers with the same policy and description every time", () => {
    const source = staticPolicy(DEFAULT_POLICY, "built-in defaults");
    expect(source.current()).toBe(DEFAULT_POLICY);
    expect(source.describe()).toBe("built-in defaults");
  });
});
