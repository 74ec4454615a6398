import { describe, expect, it } from "vitest";
import { derivedUuid } from "../../src/genesys-sim/index.js";
import { api, type ErrorBody, type PageJson, type Ref, sim, tokenFor } from "./helpers.js";

interface RoleDivision {
  roleId: string;
  divisionId: string;
}

interface RoleJson {
  id: string;
  name: string;
  description: string;
  permissionPolicies: { id: string; domain: string; entityName: string; actionSet: string[] }[];
}

interface SubjectJson {
  id: string;
  name: string;
  grants: { subjectId: string; role: Ref; division: Ref; grantMadeAt: string }[];
}

interface UserJson {
  id: string;
  name: string;
  email: string;
  state: string;
}

const acmeId = derivedUuid("acme", "org", "acme");
const division = (name: string) => derivedUuid("acme", "division", name);
const integrationRole = derivedUuid("acme", "role", "Switchboard Integration");

describe("who-am-I endpoints", () => {
  it("GET /tokens/me names the org, the client and its role divisions", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const a = await api<{
      organization: Ref;
      homeOrganization: Ref;
      authorizedScope: string[];
      OAuthClient: { id: string; name: string; organization: Ref; roleDivisions: RoleDivision[] };
      dateTokenIdles: string;
    }>(s, token, "acme", "/tokens/me");
    expect(a.status).toBe(200);
    expect(a.body.organization).toMatchObject({ id: acmeId, name: "Acme Corp" });
    expect(a.body.homeOrganization.id).toBe(acmeId);
    expect(a.body.authorizedScope).toEqual([]);
    expect(a.body.OAuthClient).toMatchObject({
      id: "acme-switchboard",
      name: "Switchboard (acme)",
      organization: { id: acmeId, name: "Acme Corp" },
    });
    expect(a.body.OAuthClient.roleDivisions).toEqual([
      { roleId: integrationRole, divisionId: division("Home") },
      { roleId: integrationRole, divisionId: division("Sales") },
    ]);
    expect(Number.isNaN(Date.parse(a.body.dateTokenIdles))).toBe(false);
  });

  it("GET /organizations/me", async () => {
    const s = await sim();
    const a = await api(s, await tokenFor(s, "globex"), "globex", "/organizations/me");
    expect(a.body).toMatchObject({
      id: derivedUuid("globex", "org", "globex"),
      name: "Globex Europe",
      state: "active",
    });
  });

  it("GET /oauth/clients/{id} with oauth:client:view; 403 for initech; 404 for another org's client", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const a = await api(s, token, "acme", "/oauth/clients/acme-switchboard");
    expect(a.body).toMatchObject({
      id: "acme-switchboard",
      name: "Switchboard (acme)",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      accessTokenValiditySeconds: 86400,
      state: "active",
    });
    expect(a.body.roleDivisions).toHaveLength(2);
    expect(typeof a.body.dateCreated).toBe("string");
    expect((await api(s, token, "acme", "/oauth/clients/acme-legacy-dialer")).body.state).toBe("disabled");
    expect((await api(s, token, "acme", "/oauth/clients/globex-switchboard")).status).toBe(404);

    const initech = await api<ErrorBody>(
      s,
      await tokenFor(s, "initech"),
      "initech",
      "/oauth/clients/initech-switchboard",
    );
    expect(initech.status).toBe(403);
    expect(initech.body.messageParams.permissions).toBe("oauth:client:view");
  });
});

describe("authorization endpoints", () => {
  it("lists roles by name and returns permission policies", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const list = await api<PageJson<RoleJson>>(s, token, "acme", "/authorization/roles?name=outbound");
    expect(list.body.entities.map((r) => r.name)).toEqual([
      "Outbound Admin",
      "Outbound Supervisor",
      "Outbound Viewer",
    ]);
    expect(list.body.total).toBe(3);
    const admin = list.body.entities[0];
    expect(admin?.permissionPolicies).toContainEqual(
      expect.objectContaining({ domain: "outbound", entityName: "campaign", actionSet: ["*"] }),
    );
    const one = await api<RoleJson>(
      s,
      token,
      "acme",
      `/authorization/roles/${derivedUuid("acme", "role", "Outbound Supervisor")}`,
    );
    expect(one.body.permissionPolicies).toEqual([
      expect.objectContaining({
        domain: "outbound",
        entityName: "campaign",
        actionSet: ["view", "stop", "start"],
      }),
    ]);
    expect((await api(s, token, "acme", "/authorization/roles/nope")).status).toBe(404);
    const initech = await api<ErrorBody>(s, await tokenFor(s, "initech"), "initech", "/authorization/roles");
    expect(initech.status).toBe(403);
    expect(initech.body.messageParams.permissions).toBe("authorization:role:view");
  });

  it("GET /authorization/subjects/{userId} returns a * grant as one grant in division *", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const sam = await api<SubjectJson>(
      s,
      token,
      "acme",
      `/authorization/subjects/${derivedUuid("acme", "user", "sam@acme.test")}`,
    );
    expect(sam.body.name).toBe("Sam Carter");
    expect(sam.body.grants.map((g) => [g.role.name, g.division.id])).toEqual([["Outbound Supervisor", "*"]]);
    expect(sam.body.grants[0]?.division).toMatchObject({ id: "*", description: expect.any(String) });
    expect(sam.body.grants[0]).toMatchObject({ subjectId: sam.body.id, grantMadeAt: expect.any(String) });
    const jordan = await api<SubjectJson>(
      s,
      token,
      "acme",
      `/authorization/subjects/${derivedUuid("acme", "user", "jordan@acme.test")}`,
    );
    expect(jordan.body.grants.map((g) => `${g.role.name}@${g.division.name}`)).toEqual([
      "Outbound Supervisor@Sales",
      "Outbound Viewer@Home",
      "Outbound Supervisor@Collections",
    ]);
    // The inherited grant names the group as its subject, as Genesys does.
    const group = derivedUuid("acme", "group", "Weekend Cover");
    expect(jordan.body.grants.map((g) => g.subjectId)).toEqual([jordan.body.id, jordan.body.id, group]);
    expect((await api(s, token, "acme", "/authorization/subjects/nobody")).status).toBe(404);
  });

  it("GET /authorization/divisions needs no permission", async () => {
    const s = await sim();
    const a = await api<PageJson<{ id: string; name: string; homeDivision: boolean }>>(
      s,
      await tokenFor(s, "initech"),
      "initech",
      "/authorization/divisions",
    );
    expect(a.body.entities.map((d) => [d.name, d.homeDivision])).toEqual([
      ["Home", true],
      ["Support", false],
      ["Sales", false],
    ]);
    expect(a.body).toMatchObject({ total: 3, pageNumber: 1, pageCount: 1 });
  });
});

describe("users", () => {
  it("POST /users/search by exact email; GET /users/{id}", async () => {
    const s = await sim();
    const token = await tokenFor(s, "acme");
    const found = await api<{ total: number; pageCount: number; results: UserJson[] }>(
      s,
      token,
      "acme",
      "/users/search",
      {
        body: { query: [{ type: "EXACT", fields: ["email"], value: "Riley@Acme.test" }] },
      },
    );
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.body.pageCount).toBe(1);
    expect(found.body.results[0]).toMatchObject({
      email: "riley@acme.test",
      name: "Riley Quinn",
      state: "active",
    });
    const none = await api<{ total: number; results: UserJson[] }>(s, token, "acme", "/users/search", {
      body: { query: [{ type: "EXACT", fields: ["email"], value: "sam@globex.test" }] },
    });
    expect(none.body).toMatchObject({ total: 0, results: [] });
    const bad = await api<ErrorBody>(s, token, "acme", "/users/search", { body: { query: "sam" } });
    expect(bad.status).toBe(400);
    const id = found.body.results[0]?.id ?? "";
    expect((await api<UserJson>(s, token, "acme", `/users/${id}`)).body.email).toBe("riley@acme.test");
    expect((await api(s, token, "acme", "/users/nobody")).status).toBe(404);
    // Reading one user needs no permission (searching does); another org's user does not exist.
    const initech = await api<ErrorBody>(s, await tokenFor(s, "initech"), "initech", `/users/${id}`);
    expect(initech.status).toBe(404);
    const initechSearch = await api<ErrorBody>(s, await tokenFor(s, "initech"), "initech", "/users/search", {
      body: { query: [{ type: "EXACT", fields: ["email"], value: "riley@acme.test" }] },
    });
    expect(initechSearch.status).toBe(403);
  });
});
