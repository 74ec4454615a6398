import { describe, expect, it } from "vitest";
import {
  ENDPOINT_PERMISSIONS,
  type EndpointRule,
  PermissionSet,
  permissionMatches,
} from "../../src/genesys-sim/index.js";
import { matchRoute } from "../../src/genesys-sim/router.js";
import { missingAnyPermissions } from "../../src/genesys-sim/sim-error.js";
import {
  api,
  type CampaignJson,
  ERROR_KEYS,
  type ErrorBody,
  manualClock,
  sim,
  tokenFor,
  UUID,
} from "./helpers.js";

describe("Genesys error body", () => {
  it("has the exact shape and a fresh contextId on 401, 403, 404, 409 and 429", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    const acme = await tokenFor(s, "acme");
    const globex = await tokenFor(s, "globex");
    const spring = s.campaign("acme", "Spring Promo").id;
    const broadband = s.campaign("globex", "Broadband Upgrade").id;
    const current = (await api<CampaignJson>(s, acme, "acme", `/outbound/campaigns/${spring}`)).body;

    const answers = [
      [401, await api<ErrorBody>(s, undefined, "acme", "/tokens/me")],
      [
        403,
        await api<ErrorBody>(s, globex, "globex", `/outbound/campaigns/${broadband}/stop`, {
          method: "POST",
        }),
      ],
      [
        404,
        await api<ErrorBody>(
          s,
          acme,
          "acme",
          `/outbound/campaigns/${s.campaign("acme", "Past Due 90 Days").id}`,
        ),
      ],
      [
        409,
        await api<ErrorBody>(s, acme, "acme", `/outbound/campaigns/${spring}`, {
          method: "PUT",
          body: { ...current, version: current.version + 5 },
        }),
      ],
    ] as const;
    s.setLimits({ perTokenPerMinute: 1 });
    const limited = await api<ErrorBody>(s, acme, "acme", "/tokens/me");
    const all = [...answers, [429, limited] as const];

    const contextIds = new Set<string>();
    for (const [status, a] of all) {
      expect(a.status).toBe(status);
      expect(Object.keys(a.body).sort()).toEqual(ERROR_KEYS);
      expect(a.body.status).toBe(status);
      expect(a.body.contextId).toMatch(UUID);
      expect(a.body.details).toEqual([]);
      expect(a.body.errors).toEqual([]);
      expect(typeof a.body.messageWithParams).toBe("string");
      expect(a.headers.get("inin-correlation-id")).toMatch(UUID);
      contextIds.add(a.body.contextId);
    }
    expect(contextIds.size).toBe(all.length);
    expect(all.map(([, a]) => a.body.code)).toEqual([
      "authentication.required",
      "missing.permissions",
      "not.found",
      "general.conflict",
      "too.many.requests",
    ]);
    const forbidden = answers[1][1].body;
    expect(forbidden.messageWithParams).toContain("{permissions}");
  });

  it("missing.any.permissions names every alternative", () => {
    const body = missingAnyPermissions(["outbound:campaign:stop", "outbound:campaign:edit"]).body();
    expect(body).toMatchObject({
      status: 403,
      code: "missing.any.permissions",
      message:
        "Unable to perform the requested action. You must have at least one of the following permissions assigned: [outbound:campaign:stop, outbound:campaign:edit]",
      messageParams: { permissions: "outbound:campaign:stop, outbound:campaign:edit" },
    });
  });
});

describe("permissions", () => {
  it("matches wildcards per segment", () => {
    expect(permissionMatches("outbound:campaign:*", "outbound:campaign:stop")).toBe(true);
    expect(permissionMatches("outbound:*:*", "outbound:campaign:stop")).toBe(true);
    expect(permissionMatches("*:*:*", "oauth:client:view")).toBe(true);
    expect(permissionMatches("outbound:campaign:view", "outbound:campaign:stop")).toBe(false);
    expect(permissionMatches("outbound:campaignRule:*", "outbound:campaign:view")).toBe(false);
    expect(permissionMatches("outbound:campaign", "outbound:campaign:view")).toBe(false);
  });

  it("evaluates all/any per division", () => {
    const set = new PermissionSet(
      new Map([
        ["sales", ["outbound:campaign:*"]],
        ["home", ["outbound:campaign:view"]],
      ]),
    );
    expect(set.has("outbound:campaign:stop", "sales")).toBe(true);
    expect(set.has("outbound:campaign:stop", "home")).toBe(false);
    expect(set.has("outbound:campaign:stop")).toBe(true);
    expect(set.has("outbound:campaign:view", "home") && set.has("outbound:campaign:view", "sales")).toBe(
      true,
    );
    expect(set.has("outbound:campaign:view", "collections")).toBe(false);
    const stopOrEdit = { any: ["outbound:campaign:stop", "outbound:campaign:edit"] };
    expect(set.satisfies(stopOrEdit, "sales")).toBe(true);
    expect(set.missing(stopOrEdit, "home")).toEqual(stopOrEdit.any);
    expect(set.missing({ all: ["outbound:campaign:view", "outbound:campaign:stop"] }, "home")).toEqual([
      "outbound:campaign:stop",
    ]);
  });

  it("a grant in * holds in every division, including ones it was never told about", () => {
    const set = new PermissionSet(
      new Map([
        ["*", ["outbound:campaign:view"]],
        ["sales", ["outbound:campaign:stop"]],
      ]),
    );
    expect(set.has("outbound:campaign:view", "collections")).toBe(true);
    expect(set.has("outbound:campaign:stop", "sales")).toBe(true);
    expect(set.has("outbound:campaign:stop", "collections")).toBe(false);
  });

  it("every endpoint in the table is routable and every permission is well-formed", () => {
    for (const [key, rule] of Object.entries(ENDPOINT_PERMISSIONS) as [string, EndpointRule][]) {
      const [method = "", path = ""] = key.split(" ");
      expect(matchRoute(method, path.replace(/\{\w+\}/g, "some-id"))?.key, key).toBe(key);
      const perms = rule.scope === "none" ? [] : "all" in rule ? rule.all : rule.any;
      for (const p of perms) expect(p).toMatch(/^[a-z]+:[A-Za-z]+:[a-z]+$/);
    }
  });
});
