import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapChatIdentity, unmapChatIdentity } from "../../src/core/identity/identity-mapping.js";
import type { Clock } from "../../src/core/kernel/clock.js";
import { isAppError } from "../../src/core/kernel/errors.js";
import { PermissionGate } from "../../src/core/permissions/permission-gate.js";
import type { GenesysOrgClient } from "../../src/core/ports/genesys-gateway.js";
import type { LinkedOrg } from "../../src/core/ports/org-store.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/permissions.yml");
const AUTHOR = { actor: "cli:tester", platform: "cli", channel: "cli" };

let h: Harness;
let north: LinkedOrg;
let client: GenesysOrgClient;
beforeAll(async () => {
  h = await startHarness({ fixturePath: FIXTURE });
  const org = await h.app.services.orgs.get("north");
  if (!org) throw new Error("fixture org north is not linked");
  north = org;
  client = await h.app.services.genesys.forOrg(north);
});
afterAll(async () => {
  await h?.close();
});

function manualClock(start = Date.parse("2025-01-01T00:00:00Z")): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    sleep: async () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

const sales = () => ({ id: h.sim.campaign("north", "Spring Promo").divisionId, name: "Sales" });

describe("PermissionGate decisions", () => {
  it("allows with the matched permission and the Genesys identity for the audit log", async () => {
    const decision = await h.app.services.gate.check("shell:wil", north, client, "pause", sales());
    expect(decision).toMatchObject({
      allowed: true,
      permission: "outbound:campaign:stop",
      heldAs: "outbound:*:*",
      genesysIdentity: "user:wil@north.test",
      division: { name: "Sales" },
    });
  });

  it("denies with reason, missing permissions and division as values", async () => {
    const decision = await h.app.services.gate.check("shell:jo", north, client, "pause", sales());
    expect(decision).toMatchObject({
      allowed: false,
      reason: "missing_permission",
      missing: ["outbound:campaign:stop", "outbound:campaign:edit"],
      division: { name: "Sales" },
      genesysIdentity: "user:jo@north.test",
    });
    expect(await h.app.services.gate.check("shell:nobody", north, client, "list")).toMatchObject({
      allowed: false,
      reason: "unmapped",
    });
  });

  it("lists the divisions in which a caller may act", async () => {
    const gate = h.app.services.gate;
    const jo = await gate.divisionsAllowed("shell:jo", north, client, "pause");
    expect(jo.allowed && jo.divisions !== "all" && jo.divisions.map((d) => d.name)).toEqual(["Home"]);
    expect(await gate.divisionsAllowed("shell:riley", north, client, "list")).toMatchObject({
      divisions: "all",
    });
    expect(await gate.divisionsAllowed("shell:riley", north, client, "pause")).toMatchObject({
      allowed: false,
      reason: "missing_permission",
    });
  });

  it("checks an approver against the policy's permission, else the action's own", async () => {
    const gate = h.app.services.gate;
    const policy = { action: "resume", approverPermission: "outbound:campaign:edit" };
    expect((await gate.checkApprover("shell:sam", north, client, policy, sales())).allowed).toBe(false);
    expect((await gate.checkApprover("shell:wil", north, client, policy, sales())).allowed).toBe(true);
    const own = { action: "resume", approverPermission: null };
    expect((await gate.checkApprover("shell:sam", north, client, own, sales())).allowed).toBe(true);
  });
});

describe("grant cache", () => {
  it("reuses grants read from Genesys until they expire or are invalidated", async () => {
    const clock = manualClock();
    const gate = PermissionGate.create({ identities: h.app.services.identities, clock, ttlMs: 60_000 });
    const check = () => gate.check("shell:sam", north, client, "pause", sales());
    const requestsDuring = async (f: () => Promise<unknown>) => {
      h.sim.resetStats();
      await f();
      return h.sim.stats().apiRequests;
    };
    expect(await requestsDuring(check)).toBeGreaterThan(0);
    expect(await requestsDuring(check)).toBe(0);
    clock.advance(59_000);
    expect(await requestsDuring(check)).toBe(0);
    clock.advance(2_000);
    expect(await requestsDuring(check)).toBeGreaterThan(0);
    await gate.invalidate("shell:sam", "north");
    expect(await requestsDuring(check)).toBeGreaterThan(0);
    await gate.invalidate();
    expect(await requestsDuring(check)).toBeGreaterThan(0);
  });
});

describe("mapping a chat identity (what `switchboard user map` does)", () => {
  it("applies a new mapping at once, audits it, and reports the new permissions", async () => {
    const services = h.app.services;
    expect((await services.gate.check("shell:kai", north, client, "pause", sales())).allowed).toBe(false);
    const mapped = await mapChatIdentity(
      services,
      north,
      "shell:kai",
      { kind: "role", name: "supervisor" },
      AUTHOR,
    );
    expect(mapped.mapping.genesys).toEqual({ kind: "role", roleName: "Supervisor" });
    expect(mapped.access).toMatchObject({ allowed: true, genesysIdentity: "role:Supervisor" });
    expect((await h.run('pause north "Spring Promo"', "kai")).reply.ok).toBe(true);
    expect((await h.run('resume north "Spring Promo"', "kai")).reply.ok).toBe(true);

    const remapped = await mapChatIdentity(
      services,
      north,
      "shell:kai",
      { kind: "user", ref: "JO@north.test" },
      AUTHOR,
    );
    expect(remapped.mapping.genesys).toMatchObject({ kind: "user", email: "jo@north.test" });
    expect(remapped.previous?.genesys).toEqual({ kind: "role", roleName: "Supervisor" });
    expect((await h.run('pause north "Spring Promo"', "kai")).reply.ok).toBe(false);

    const [row] = await services.audit.list({ orgSlug: "north", actor: "cli:tester", limit: 1 });
    expect(row).toMatchObject({
      action: "user.map",
      target: "shell:kai",
      genesysIdentity: "user:jo@north.test",
    });
    expect(row?.detail).toMatchObject({ previous: "role:Supervisor" });

    expect(await unmapChatIdentity(services, "north", "shell:kai", AUTHOR)).not.toBeNull();
    expect((await h.run("list north", "kai")).text).toContain("not mapped");
    expect(await unmapChatIdentity(services, "north", "shell:kai", AUTHOR)).toBeNull();
  });

  it("refuses a Genesys user or role the org does not have, saying what was tried", async () => {
    const services = h.app.services;
    const missing = await mapChatIdentity(
      services,
      north,
      "shell:kai",
      { kind: "user", ref: "who@north.test" },
      AUTHOR,
    ).catch((e: unknown) => e);
    expect(isAppError(missing) && missing.userMessage).toBe('No Genesys user "who@north.test" in north.');
    expect(isAppError(missing) && missing.details.join(" ")).toContain(
      'user search by email "who@north.test"',
    );
    const role = await mapChatIdentity(
      services,
      north,
      "shell:kai",
      { kind: "role", name: "Nope" },
      AUTHOR,
    ).catch((e: unknown) => e);
    expect(isAppError(role) && role.userMessage).toBe('north has no Genesys role named "Nope".');
    expect(await services.identities.get("shell:kai", "north")).toBeNull();
  });

  it("says which permission the OAuth client lacks when it cannot look users up", async () => {
    const blind = await h.app.services.orgs.get("blind");
    if (!blind) throw new Error("fixture org blind is not linked");
    const e = await mapChatIdentity(
      h.app.services,
      blind,
      "shell:kai",
      { kind: "user", ref: "bo@blind.test" },
      AUTHOR,
    ).catch((err: unknown) => err);
    expect(isAppError(e) && e.code).toBe("not_permitted");
    expect(isAppError(e) && e.userMessage).toContain("lacks directory:user:view");
  });
});

describe("grants kept between processes", () => {
  it("lets another process's gate reuse grants within their lifetime, counted from the first read, until invalidated", async () => {
    const clock = manualClock();
    const keep = h.app.store.grantsKeep;
    await keep.drop();
    // Two gates on one database: two processes, each with its own in-memory cache.
    const gateIn = () =>
      PermissionGate.create({ identities: h.app.services.identities, clock, ttlMs: 60_000, keep });
    const requestsDuring = async (gate: PermissionGate) => {
      h.sim.resetStats();
      await gate.check("shell:sam", north, client, "pause", sales());
      return h.sim.stats().apiRequests;
    };
    expect(await requestsDuring(gateIn())).toBeGreaterThan(0);
    clock.advance(30_000);
    expect(await requestsDuring(gateIn())).toBe(0);
    const third = gateIn();
    expect(await requestsDuring(third)).toBe(0);
    // 61 s after the first read: expired for the process that loaded them, and for a new one.
    clock.advance(31_000);
    expect(await requestsDuring(third)).toBeGreaterThan(0);
    clock.advance(1_000);
    expect(await requestsDuring(gateIn())).toBe(0);
    await third.invalidate("shell:sam", "north");
    expect(await requestsDuring(gateIn())).toBeGreaterThan(0);
  });
});
