import { describe, expect, it } from "vitest";
import { matchAny, permissionMatches } from "../../src/core/permissions/permission-match.js";

describe("permissionMatches", () => {
  it("matches an exact permission", () => {
    expect(permissionMatches("outbound:campaign:stop", "outbound:campaign:stop")).toBe(true);
    expect(permissionMatches("outbound:campaign:stop", "outbound:campaign:start")).toBe(false);
  });

  it("treats * as any value of its segment", () => {
    expect(permissionMatches("outbound:campaign:*", "outbound:campaign:stop")).toBe(true);
    expect(permissionMatches("outbound:*:*", "outbound:campaign:edit")).toBe(true);
    expect(permissionMatches("*:*:*", "outbound:campaign:view")).toBe(true);
    expect(permissionMatches("outbound:*:view", "outbound:campaign:view")).toBe(true);
    expect(permissionMatches("outbound:*:view", "outbound:campaign:stop")).toBe(false);
    expect(permissionMatches("outbound:campaignRule:*", "outbound:campaign:stop")).toBe(false);
    expect(permissionMatches("routing:*:*", "outbound:campaign:view")).toBe(false);
  });

  it("treats a bare * as every permission", () => {
    expect(permissionMatches("*", "outbound:campaign:stop")).toBe(true);
  });

  it("ignores case and surrounding spaces", () => {
    expect(permissionMatches("Outbound:Campaign:View", "outbound:campaign:view")).toBe(true);
    expect(permissionMatches("OUTBOUND:*:*", "outbound:campaign:stop")).toBe(true);
    expect(permissionMatches(" outbound:campaign:stop ", "Outbound:Campaign:Stop")).toBe(true);
  });

  it("grants nothing for strings that are not domain:entity:action", () => {
    expect(permissionMatches("outbound:*", "outbound:campaign:view")).toBe(false);
    expect(permissionMatches("outbound", "outbound:campaign:view")).toBe(false);
    expect(permissionMatches("", "outbound:campaign:view")).toBe(false);
    expect(permissionMatches("outbound:campaign:view:extra", "outbound:campaign:view")).toBe(false);
    expect(permissionMatches("*:*:*", "outbound:campaign")).toBe(false);
  });
});

describe("matchAny", () => {
  it("names the first required permission held, and what covered it", () => {
    expect(matchAny(["outbound:campaign:*"], ["outbound:campaign:stop", "outbound:campaign:edit"])).toEqual({
      permission: "outbound:campaign:stop",
      heldAs: "outbound:campaign:*",
    });
    expect(
      matchAny(["outbound:campaign:edit"], ["outbound:campaign:stop", "outbound:campaign:edit"]),
    ).toEqual({
      permission: "outbound:campaign:edit",
      heldAs: "outbound:campaign:edit",
    });
  });

  it("finds nothing when none is held", () => {
    expect(
      matchAny(["outbound:campaign:view"], ["outbound:campaign:stop", "outbound:campaign:edit"]),
    ).toBeUndefined();
    expect(matchAny([], ["outbound:campaign:view"])).toBeUndefined();
  });
});
