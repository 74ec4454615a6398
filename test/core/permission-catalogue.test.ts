import { describe, expect, it } from "vitest";
import { builtinCommands } from "../../src/core/commands/index.js";
import {
  accessFor,
  isGatedAction,
  PERMISSION_CATALOGUE,
  requirementFor,
} from "../../src/core/permissions/catalogue.js";

describe("permission catalogue", () => {
  it("requires view to list, show or diagnose campaigns", () => {
    for (const action of ["list", "status", "why"] as const)
      expect(requirementFor(action)).toEqual(["outbound:campaign:view"]);
  });

  it("accepts stop or edit for pause, start or edit for resume", () => {
    expect(requirementFor("pause")).toEqual(["outbound:campaign:stop", "outbound:campaign:edit"]);
    expect(requirementFor("resume")).toEqual(["outbound:campaign:start", "outbound:campaign:edit"]);
  });

  it("leaves help, whoami, explain and org list open to unmapped callers", () => {
    for (const command of ["help", "whoami", "explain", "org list"]) {
      expect(accessFor(command)).toEqual({ kind: "open" });
      expect(isGatedAction(command)).toBe(false);
    }
    expect(accessFor("org test")).toEqual({ kind: "mapped-or-admin" });
  });

  it("knows no access rule for an unknown command (deny by default)", () => {
    expect(accessFor("launch")).toBeUndefined();
    expect(accessFor("constructor")).toBeUndefined();
    expect(isGatedAction("launch")).toBe(false);
  });

  it("has a permission decision for every chat command", () => {
    const missing = builtinCommands()
      .map((c) => c.name)
      .filter((name) => accessFor(name) === undefined);
    // A new command needs an entry in src/core/permissions/catalogue.ts (and a check in its run()).
    expect(missing).toEqual([]);
    expect(Object.keys(PERMISSION_CATALOGUE)).toContain("pause");
  });
});

describe("every command declares its access", () => {
  it("carries the catalogue's rule for its name, so the dispatcher can enforce it before run()", () => {
    for (const command of builtinCommands()) {
      expect(command.access, `${command.name} declares no access`).toBeDefined();
      expect(command.access, command.name).toEqual(accessFor(command.name));
    }
  });

  it("names the org its permission applies to for every Genesys-gated command", () => {
    // The access step reads the org from <org> (or --orgs): a gated command without one could not be checked.
    for (const command of builtinCommands().filter((c) => c.access.kind === "genesys"))
      expect(command.args[0]?.name, command.name).toBe("org");
  });
});
