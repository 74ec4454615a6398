/**
 * "Who am I" endpoints: the ones Switchboard uses to prove a token belongs to the linked org and to
 * read the client's role × division grants when explaining a 403.
 */
import { type ApiContext, type ApiHandler, param } from "./api-context.js";
import type { EndpointKey } from "./endpoint-permissions.js";
import type { FixtureDivision } from "./fixture.js";
import { unitHash } from "./ids.js";
import { pageOf, parsePaging, withPageUris } from "./paging.js";
import { ALL_DIVISIONS } from "./permissions.js";
import { notFound } from "./sim-error.js";
import type { OrgModel } from "./world.js";

const EPOCH = Date.parse("2023-06-01T12:00:00.000Z");

/** A `NamedEntity`: id and name only (the model has no selfUri). */
function orgRef(org: OrgModel): { id: string; name: string } {
  return { id: org.fx.id, name: org.fx.name };
}

export function divisionRef(d: FixtureDivision): { id: string; name: string; selfUri: string } {
  return { id: d.id, name: d.name, selfUri: `/api/v2/authorization/divisions/${d.id}` };
}

/** An `AuthzDivision` as a grant carries it; `*` is the all-divisions pseudo division. */
export function grantDivisionJson(org: OrgModel, divisionId: string): Record<string, unknown> {
  if (divisionId === ALL_DIVISIONS)
    return {
      id: ALL_DIVISIONS,
      name: "All Divisions",
      description: "All current and future divisions",
      homeDivision: false,
    };
  const d = org.divisionById.get(divisionId);
  return d ? renderDivision(d) : { id: divisionId, name: "", description: "" };
}

/** A fixed, per-entity "creation" date, so answers are reproducible. */
export function fixedDate(key: string): string {
  return new Date(EPOCH + Math.floor(unitHash(key) * 180) * 86_400_000).toISOString();
}

function roleDivisions(ctx: ApiContext, clientId: string) {
  const found = ctx.world.client(clientId);
  return found ? ctx.world.resolveGrants(ctx.org, found.client.grants) : [];
}

/** An unused token idles out `idleSeconds` after its last use, and never later than it expires. */
function tokenIdles(ctx: ApiContext): number {
  const idle = ctx.client.idleSeconds;
  return idle === undefined ? ctx.token.expiresAt : Math.min(ctx.token.expiresAt, ctx.now + idle * 1000);
}

const tokensMe: ApiHandler = (ctx) => ({
  body: {
    organization: orgRef(ctx.org),
    homeOrganization: orgRef(ctx.org),
    authorizedScope: [],
    OAuthClient: {
      id: ctx.client.id,
      name: ctx.client.name,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: roleDivisions(ctx, ctx.client.id),
      state: ctx.state.isRevoked(ctx.client.id) ? "inactive" : ctx.client.state,
      organization: orgRef(ctx.org),
    },
    dateTokenIdles: new Date(tokenIdles(ctx)).toISOString(),
  },
});

const organizationsMe: ApiHandler = (ctx) => ({
  body: {
    ...orgRef(ctx.org),
    // Genesys' org "short name"; the slug plays that part here.
    thirdPartyOrgName: ctx.org.fx.slug,
    domain: ctx.org.fx.slug,
    defaultLanguage: "en-us",
    state: "active",
    version: 1,
    defaultSiteId: `${ctx.org.fx.id.slice(0, 8)}-site`,
  },
});

const oauthClient: ApiHandler = (ctx) => {
  const id = param(ctx, "id");
  const found = ctx.world.client(id);
  // Another org's client does not exist from this org's point of view.
  if (!found || found.org !== ctx.org) throw notFound(`OAuth client ${id} was not found.`);
  const c = found.client;
  return {
    body: {
      id: c.id,
      name: c.name,
      description: "",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      roleDivisions: roleDivisions(ctx, c.id),
      accessTokenValiditySeconds: c.tokenSeconds,
      registeredRedirectUri: [],
      scope: [],
      state: ctx.state.isRevoked(c.id) ? "inactive" : c.state,
      dateCreated: fixedDate(`${c.id}:created`),
      selfUri: `/api/v2/oauth/clients/${c.id}`,
    },
  };
};

const renderDivision = (d: FixtureDivision) => ({
  ...divisionRef(d),
  description: "",
  homeDivision: d.home,
});

const divisions: ApiHandler = (ctx) => {
  const paging = parsePaging(ctx.query);
  const name = ctx.query.get("name")?.toLowerCase();
  const rows = ctx.org.fx.divisions
    .filter((d) => !name || d.name.toLowerCase().startsWith(name))
    .map(renderDivision);
  return { body: withPageUris(pageOf(rows, paging), "/api/v2/authorization/divisions", ctx.query) };
};

const division: ApiHandler = (ctx) => {
  const d = ctx.org.divisionById.get(param(ctx, "id"));
  if (!d) throw notFound(`Division ${param(ctx, "id")} was not found.`);
  return { body: renderDivision(d) };
};

export const identityRoutes = {
  "GET /tokens/me": tokensMe,
  "GET /organizations/me": organizationsMe,
  "GET /oauth/clients/{id}": oauthClient,
  "GET /authorization/divisions": divisions,
  "GET /authorization/divisions/{id}": division,
} satisfies Partial<Record<EndpointKey, ApiHandler>>;
