import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, resolveRule } from "../../src/core/policy/policy.js";
import { PolicyError, type PolicyIssue } from "../../src/core/policy/policy-error.js";
import { loadPolicyFile, parsePolicy } from "../../src/policy/policy-file.js";
import { useTempDir } from "../support/temp-dir.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/policy");

function policyError(text: string, source = "policy.yml"): PolicyError {
  try {
    parsePolicy(text, source);
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
  throw new Error("expected a PolicyError");
}

/** The only issue of a text with one mistake. */
function issue(text: string): PolicyIssue {
  const { issues } = policyError(text);
  expect(issues).toHaveLength(1);
  return issues[0] as PolicyIssue;
}

describe("parsePolicy", () => {
  it("reads a valid policy", () => {
    const policy = parsePolicy('orgs:\n  "*":\n    resume: { approvers: 2, expires: 2h }\n', "p.yml");
    expect(policy).toEqual({ version: 1, orgs: { "*": { resume: { approvers: 2, expiresMs: 7_200_000 } } } });
  });

  it("treats an empty or comment-only file as the default policy", () => {
    expect(parsePolicy("", "p.yml")).toBe(DEFAULT_POLICY);
    expect(parsePolicy("# nothing yet\n", "p.yml")).toBe(DEFAULT_POLICY);
  });

  it("locates an unknown action at its key", () => {
    expect(issue("orgs:\n  acme:\n    paus: { approval: none }\n")).toEqual({
      line: 3,
      column: 5,
      path: "orgs.acme.paus",
      message: expect.stringContaining('unknown action "paus" (did you mean "pause"?'),
    });
  });

  it("locates a typo'd field at its key", () => {
    expect(issue('orgs:\n  "*":\n    resume:\n      aprovers: 2\n')).toEqual({
      line: 4,
      column: 7,
      path: "orgs.*.resume.aprovers",
      message: expect.stringContaining('did you mean "approvers"?'),
    });
  });

  it("locates a bad value at the value", () => {
    expect(issue("orgs:\n  acme:\n    resume: { approvers: 0 }\n")).toEqual({
      line: 3,
      column: 26,
      path: "orgs.acme.resume.approvers",
      message: "must be at least 1 (to need no approver, write approval: none)",
    });
  });

  it("reports a bad duration", () => {
    expect(issue("orgs:\n  acme:\n    resume:\n      expires: 48h\n")).toEqual({
      line: 4,
      column: 16,
      path: "orgs.acme.resume.expires",
      message: 'must be a duration from 1m to 24h, like "15m" or "2h", not "48h"',
    });
  });

  it("reports a bad permission string", () => {
    expect(issue("orgs:\n  acme:\n    resume:\n      approverPermission: outbound:campaign\n")).toMatchObject(
      {
        line: 4,
        column: 27,
        path: "orgs.acme.resume.approverPermission",
        message: expect.stringContaining("domain:entity:action"),
      },
    );
  });

  it("locates a bad org key at the key", () => {
    expect(issue("orgs:\n  acme: {}\n  Acme_Corp: {}\n")).toMatchObject({
      line: 3,
      column: 3,
      path: "orgs.Acme_Corp",
      message: expect.stringContaining('must be "*" (every org) or an org slug'),
    });
  });

  it("rejects a document that is not a mapping", () => {
    for (const text of ["- pause\n- resume\n", "pause everything\n", "\n\n  42\n"]) {
      expect(issue(text)).toMatchObject({ path: "", message: expect.stringContaining("must be a mapping") });
    }
    expect(issue("\n\n  42\n")).toMatchObject({ line: 3, column: 3 });
  });

  it("rejects an org whose value is not a mapping", () => {
    expect(issue("orgs:\n  acme: [pause]\n")).toMatchObject({
      line: 2,
      column: 9,
      path: "orgs.acme",
      message: expect.stringContaining("must be a mapping of actions"),
    });
  });

  it("reports a YAML syntax error with its position", () => {
    expect(issue("orgs:\n  acme: { resume: { approvers: 2 }\n")).toMatchObject({
      line: expect.any(Number),
      column: expect.any(Number),
      path: "",
      message: expect.stringMatching(/^YAML syntax error: /),
    });
    expect(issue('orgs:\n  acme: {}\n  "*": {}\n  acme: {}\n')).toMatchObject({
      line: 4,
      column: 3,
      message: expect.stringContaining("Map keys must be unique"),
    });
  });

  it("reports every problem, in file order, as file:line:col: path: reason", () => {
    const text = `orgs:\n  acme:\n    resume: { approvers: 9 }\n    pause: { confirm: true }\n`;
    const error = policyError(text, "switchboard.policy.yml");
    expect(error.message.split("\n")).toEqual([
      "Invalid policy switchboard.policy.yml (2 problems):",
      "switchboard.policy.yml:3:26: orgs.acme.resume.approvers: must be at most 5",
      'switchboard.policy.yml:4:14: orgs.acme.pause.confirm: unknown field "confirm": confirm applies only to bulk actions (pause-bulk)',
    ]);
  });
});

describe("loadPolicyFile", () => {
  const tmp = useTempDir();

  it("loads a file with overrides", () => {
    const policy = loadPolicyFile(path.join(FIXTURES, "overrides.yml"));
    if (!policy) throw new Error("expected a policy");
    expect(resolveRule(policy, "acme", "resume", { bulk: false })).toMatchObject({
      approvers: 3,
      expiresMs: 30 * 60_000,
      approverPermission: "outbound:campaign:edit",
    });
    expect(resolveRule(policy, "acme", "pause", { bulk: true }).approval).toBe("required");
    expect(resolveRule(policy, "globex", "resume", { bulk: true }).approvers).toBe(2);
  });

  it("reports each mistake of a file at its line", () => {
    const file = path.join(FIXTURES, "many-problems.yml");
    let error: unknown;
    try {
      loadPolicyFile(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const issues = (error as PolicyError).issues;
    expect(issues.map((i) => [i.line, i.path])).toEqual([
      [4, "orgs.*.paus"],
      [6, "orgs.*.resume.aprovers"],
      [7, "orgs.*.resume.expires"],
      [8, "orgs.Acme"],
      [12, "orgs.globex.resume-bulk.approvers"],
      [13, "orgs.globex.resume-bulk.approverPermission"],
    ]);
    expect((error as PolicyError).message).toContain(`${file}:4:5: orgs.*.paus: unknown action`);
  });

  it("returns null for a missing file, leaving the decision to the caller", () => {
    expect(loadPolicyFile(tmp.file("absent.yml"))).toBeNull();
  });

  it("reports a file it cannot read", () => {
    const dir = tmp.file("a-directory.yml");
    mkdirSync(dir);
    expect(() => loadPolicyFile(dir)).toThrow(/cannot read the file/);
  });

  it("reads what it was given, not a cached copy", () => {
    const file = tmp.file("fresh.yml");
    writeFileSync(file, "orgs:\n  acme:\n    resume: { approvers: 2 }\n");
    expect(loadPolicyFile(file)?.orgs.acme?.resume?.approvers).toBe(2);
    writeFileSync(file, "orgs:\n  acme:\n    resume: { approvers: 4 }\n");
    expect(loadPolicyFile(file)?.orgs.acme?.resume?.approvers).toBe(4);
  });
});
