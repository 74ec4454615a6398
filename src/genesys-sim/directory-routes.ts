/**
 * Roles, grants (subjects) and users: what the bot reads to decide what a mapped Genesys identity
 * may do, and what `why` uses to name a missing permission or division.
 */
import { type ApiHandler, param } from "./api-context.js";
import type { EndpointKey } from "./endpoint-permissions.js";
import type { FixtureRole, FixtureUser } from "./fixture.js";
import { divisionRef, fixedDate, grantDivisionJson } from "./identity-routes.js";
import { pageOf, parsePaging, withPageUris } from "./paging.js";
import { badRequest, notFound } from "./sim-error.js";
import type { OrgModel } from "./world.js";

/**
 * Policies group a role's permission strings by domain + entity, like the Genesys admin UI. A fixture
 * role written with wildcards (`outbound:campaign:*`) answers in wildcard form; one written with
 * explicit actions answers in the expanded form Genesys is moving roles to.
 */
function renderRole(org: OrgModel, role: FixtureRole): Record<string, unknown> {
  const policies = new Map<string, { domain: string; entityName: string; actionSet: string[] }>();
  for (const perm of role.permissions) {
    const [domain = "", entityName = "", action = ""] = perm.split(":");
    const key = `${domain}:${entityName}`;
    const policy = policies.get(key) ?? { domain, entityName, actionSet: [] };
    if (!policy.actionSet.includes(action)) policy.actionSet.push(action);
    policies.set(key, policy);
  }
  return {
    id: role.id,
    name: role.name,
    description: role.description ?? "",
    permissionPolicies: [...policies.values()].map((p) => ({ ...p, allowConditions: false })),
    userCount: org.fx.users.filter((u) => u.grants.some((g) => g.role === role.name)).length,
    base: false,
    default: false,
    selfUri: `/api/v2/authorization/roles/${role.id}`,
  };
}

const roles: ApiHandler = (ctx) => {
  const paging = parsePaging(ctx.query);
  // Prefix, case-insensitive: callers looking for one role still compare names exactly afterwards.
  const name = ctx.query.get("name")?.toLowerCase();
  const rows = ctx.org.fx.roles
    .filter((r) => !name || r.name.toLowerCase().startsWith(name))
    .map((r) => renderRole(ctx.org, r));
  return { body: withPageUris(pageOf(rows, paging), "/api/v2/authorization/roles", ctx.query) };
};

const role: ApiHandler = (ctx) => {
  const r = ctx.org.roleById.get(param(ctx, "id"));
  if (!r) throw notFound(`Role ${param(ctx, "id")} was not found.`);
  return { body: renderRole(ctx.org, r) };
};

const subject: ApiHandler = (ctx) => {
  const user = ctx.org.userById.get(param(ctx, "id"));
  if (!user) throw notFound(`Subject ${param(ctx, "id")} was not found.`);
  // Grants inherited from groups come in the same list; their subjectId is the group's.
  const grants = ctx.world.userGrants(ctx.org, user).map((g) => {
    const r = ctx.org.roleById.get(g.roleId);
    return {
      subjectId: g.subjectId,
      role: { id: g.roleId, name: r?.name ?? "", selfUri: `/api/v2/authorization/roles/${g.roleId}` },
      division: grantDivisionJson(ctx.org, g.divisionId),
      grantMadeAt: fixedDate(`${g.subjectId}:${g.roleId}:${g.divisionId}`),
    };
  });
  return {
    body: { id: user.id, name: user.name, grants, selfUri: `/api/v2/authorization/subjects/${user.id}` },
  };
};

function renderUser(org: OrgModel, u: FixtureUser): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    username: u.email,
    state: u.state ?? "active",
    version: 1,
    division: divisionRef(org.home),
    selfUri: `/api/v2/users/${u.id}`,
  };
}

type Query = { type: string; fields: string[]; value: string };

const MATCHERS: Record<string, (have: string, want: string) => boolean> = {
  EXACT: (have, want) => have === want,
  CONTAINS: (have, want) => have.includes(want),
  STARTS_WITH: (have, want) => have.startsWith(want),
};

function parseQuery(body: unknown): Query[] {
  const q = typeof body === "object" && body !== null ? (body as { query?: unknown }).query : undefined;
  const ok =
    Array.isArray(q) &&
    q.length > 0 &&
    q.every(
      (c: unknown) =>
        typeof c === "object" &&
        c !== null &&
        typeof (c as Query).type === "string" &&
        Object.hasOwn(MATCHERS, (c as Query).type) &&
        Array.isArray((c as Query).fields) &&
        (c as Query).fields.every((f) => typeof f === "string") &&
        typeof (c as Query).value === "string",
    );
  if (!ok) {
    throw badRequest(
      'The search body needs query: [{type: "EXACT"|"CONTAINS"|"STARTS_WITH", fields: [...], value}].',
    );
  }
  return q as Query[];
}

const userSearch: ApiHandler = (ctx) => {
  const criteria = parseQuery(ctx.body);
  const b = ctx.body as { pageSize?: unknown; pageNumber?: unknown };
  const paging = parsePaging(
    new URLSearchParams({ pageSize: String(b.pageSize ?? 25), pageNumber: String(b.pageNumber ?? 1) }),
  );
  const fieldValue = (u: FixtureUser, f: string) =>
    (f === "email" || f === "username"
      ? u.email
      : f === "name"
        ? u.name
        : f === "id"
          ? u.id
          : ""
    ).toLowerCase();
  const hits = ctx.org.fx.users.filter((u) =>
    criteria.every((c) => {
      const match = MATCHERS[c.type] ?? (() => false);
      return c.fields.some((f) => match(fieldValue(u, f), c.value.toLowerCase()));
    }),
  );
  const page = pageOf(
    hits.map((u) => renderUser(ctx.org, u)),
    paging,
  );
  return {
    body: {
      total: page.total,
      pageSize: page.pageSize,
      pageNumber: page.pageNumber,
      pageCount: page.pageCount,
      types: ["users"],
      results: page.entities,
    },
  };
};

const user: ApiHandler = (ctx) => {
  const u = ctx.org.userById.get(param(ctx, "id"));
  if (!u) throw notFound(`User ${param(ctx, "id")} was not found.`);
  return { body: renderUser(ctx.org, u) };
};

export const directoryRoutes = {
  "GET /authorization/roles": roles,
  "GET /authorization/roles/{id}": role,
  "GET /authorization/subjects/{id}": subject,
  "POST /users/search": userSearch,
  "GET /users/{id}": user,
} satisfies Partial<Record<EndpointKey, ApiHandler>>;
