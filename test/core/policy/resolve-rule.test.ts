import { describe, expect, it } from "vitest";
import {
  BULK_CONFIRM_FLOOR,
  DEFAULT_POLICY,
  type OrgRules,
  type Policy,
  resolveRule,
} from "../../../src/core/policy/policy.js";

const policy = (orgs: Record<string, OrgRules>): Policy => ({ version: 1, orgs });
const MINUTE = 60_000;

describe("resolveRule: built-in defaults", () => {
  it("lets a single pause through without approval or confirmation", () => {
    expect(resolveRule(DEFAULT_POLICY, "acme", "pause", { bulk: false })).toEqual({
      approval: "none",
      approvers: 1,
      approverPermission: null,
      approverMustBeUser: false,
      expiresMs: 15 * MINUTE,
      confirm: false,
      source: "default",
      fieldSources: {
        approval: "default",
        approvers: "default",
        approverPermission: "default",
        approverMustBeUser: "default",
        expiresMs: "default",
        confirm: "default",
      },
    });
  });

  it("asks for confirmation of a bulk pause, without approval", () => {
    expect(resolveRule(DEFAULT_POLICY, "acme", "pause", { bulk: true })).toMatchObject({
      approval: "none",
      confirm: true,
      source: "default",
    });
  });

  it("needs one approver for a resume, single or bulk, expiring after 15 minutes", () => {
    for (const bulk of [false, true]) {
      expect(resolveRule(DEFAULT_POLICY, "acme", "resume", { bulk })).toMatchObject({
        approval: "required",
        approvers: 1,
        approverPermission: null,
        expiresMs: 15 * MINUTE,
        confirm: false,
      });
    }
  });

  it("defaults the approver permission to the action's own (null)", () => {
    expect(resolveRule(DEFAULT_POLICY, "acme", "resume", { bulk: false }).approverPermission).toBeNull();
  });

  it("is not fooled by an org slug that names an Object property", () => {
    const rule = resolveRule(DEFAULT_POLICY, "constructor", "resume", { bulk: false });
    expect(rule).toMatchObject({ approval: "required", approvers: 1, source: "default" });
  });
});

describe("resolveRule: precedence", () => {
  it("applies '*' to every org, field by field over the defaults", () => {
    const p = policy({ "*": { resume: { approvers: 2 } } });
    const rule = resolveRule(p, "globex", "resume", { bulk: false });
    expect(rule).toMatchObject({ approval: "required", approvers: 2, expiresMs: 15 * MINUTE });
    expect(rule.source).toBe("orgs.*.resume");
    expect(rule.fieldSources).toMatchObject({ approvers: "orgs.*.resume", approval: "default" });
  });

  it("lets an org override '*' field by field, keeping the fields it does not set", () => {
    const p = policy({
      "*": { resume: { approvers: 2, expiresMs: 30 * MINUTE, approverPermission: "outbound:campaign:edit" } },
      acme: { resume: { approvers: 3 } },
    });
    const acme = resolveRule(p, "acme", "resume", { bulk: false });
    expect(acme).toMatchObject({
      approval: "required",
      approvers: 3,
      expiresMs: 30 * MINUTE,
      approverPermission: "outbound:campaign:edit",
      source: "orgs.acme.resume",
    });
    expect(acme.fieldSources).toEqual({
      approval: "default",
      approvers: "orgs.acme.resume",
      approverPermission: "orgs.*.resume",
      approverMustBeUser: "default",
      expiresMs: "orgs.*.resume",
      confirm: "default",
    });
    expect(resolveRule(p, "globex", "resume", { bulk: false }).approvers).toBe(2);
  });

  it("lets an org reset an inherited approver permission with an explicit null", () => {
    const p = policy({
      "*": { resume: { approverPermission: "outbound:campaign:edit" } },
      acme: { resume: { approverPermission: null } },
    });
    const rule = resolveRule(p, "acme", "resume", { bulk: false });
    expect(rule.approverPermission).toBeNull();
    expect(rule.fieldSources.approverPermission).toBe("orgs.acme.resume");
  });

  it("falls back from a bulk rule to the single-action rule of the same scope before the wider scope", () => {
    const p = policy({
      "*": { "resume-bulk": { approvers: 4 } },
      acme: { resume: { approvers: 2 } },
    });
    const acme = resolveRule(p, "acme", "resume", { bulk: true });
    expect(acme.approvers).toBe(2);
    expect(acme.source).toBe("orgs.acme.resume");
    const globex = resolveRule(p, "globex", "resume", { bulk: true });
    expect(globex.approvers).toBe(4);
    expect(globex.source).toBe("orgs.*.resume-bulk");
  });

  it("prefers an org's bulk rule over its single-action rule", () => {
    const p = policy({ acme: { resume: { approvers: 2 }, "resume-bulk": { approvers: 3 } } });
    expect(resolveRule(p, "acme", "resume", { bulk: true }).approvers).toBe(3);
    expect(resolveRule(p, "acme", "resume", { bulk: false }).approvers).toBe(2);
  });

  it("falls back from a bulk action to '*' single-action rule", () => {
    const p = policy({ "*": { resume: { expiresMs: 5 * MINUTE } } });
    const rule = resolveRule(p, "acme", "resume", { bulk: true });
    expect(rule.expiresMs).toBe(5 * MINUTE);
    expect(rule.fieldSources.expiresMs).toBe("orgs.*.resume");
  });

  it("never applies a bulk rule to a single action", () => {
    const p = policy({ "*": { "pause-bulk": { approval: "required" } } });
    expect(resolveRule(p, "acme", "pause", { bulk: false }).approval).toBe("none");
    expect(resolveRule(p, "acme", "pause", { bulk: true }).approval).toBe("required");
  });

  it("keeps the bulk default for fields no layer sets", () => {
    const p = policy({ acme: { pause: { expiresMs: 10 * MINUTE } } });
    const rule = resolveRule(p, "acme", "pause", { bulk: true });
    expect(rule).toMatchObject({ confirm: true, expiresMs: 10 * MINUTE });
    expect(rule.fieldSources.confirm).toBe("default");
  });
});

describe("resolveRule: bulk confirmation", () => {
  it("lets a bulk action that needs approval skip the confirmation", () => {
    const p = policy({ "*": { "pause-bulk": { approval: "required", confirm: false } } });
    expect(resolveRule(p, "acme", "pause", { bulk: true })).toMatchObject({
      approval: "required",
      confirm: false,
    });
  });

  it("confirms a bulk action that needs neither approval nor confirmation anyway, saying why", () => {
    const p = policy({ "*": { "resume-bulk": { approval: "none" } } });
    const rule = resolveRule(p, "acme", "resume", { bulk: true });
    expect(rule).toMatchObject({ approval: "none", confirm: true });
    expect(rule.fieldSources.confirm).toBe(BULK_CONFIRM_FLOOR);
  });
});
