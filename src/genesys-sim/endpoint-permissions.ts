/**
 * THE table of simulated endpoints and what each requires (from genesys-cloud-facts.md). The router
 * is built from these keys, so an endpoint cannot exist without a permission decision, and the
 * diagnosis code elsewhere can read the same facts.
 *
 * scope "division": the permission must be held in the target campaign's division (the list endpoint
 * filters by it); "org": held in any division; "none": any valid token.
 */
import type { Requirement } from "./permissions.js";
import { WATCH_ENDPOINT_PERMISSIONS } from "./watch-routes.js";

export type EndpointRule = { scope: "none" } | ({ scope: "org" | "division" } & Requirement);

const VIEW = ["outbound:campaign:view"];

export const ENDPOINT_PERMISSIONS = {
  "GET /outbound/campaigns": { scope: "division", all: VIEW },
  "POST /outbound/campaigns/progress": { scope: "division", all: VIEW },
  "GET /outbound/campaigns/{id}": { scope: "division", all: VIEW },
  "PUT /outbound/campaigns/{id}": { scope: "division", all: ["outbound:campaign:edit"] },
  "POST /outbound/campaigns/{id}/start": { scope: "division", all: ["outbound:campaign:start"] },
  "POST /outbound/campaigns/{id}/stop": { scope: "division", all: ["outbound:campaign:stop"] },
  "GET /outbound/campaigns/{id}/progress": { scope: "division", all: VIEW },
  "GET /outbound/campaigns/{id}/stats": { scope: "division", all: VIEW },
  "GET /tokens/me": { scope: "none" },
  "GET /organizations/me": { scope: "none" },
  "GET /oauth/clients/{id}": { scope: "org", all: ["oauth:client:view"] },
  "GET /authorization/roles": { scope: "org", all: ["authorization:role:view"] },
  "GET /authorization/roles/{id}": { scope: "org", all: ["authorization:role:view"] },
  "GET /authorization/subjects/{id}": { scope: "org", all: ["authorization:grant:view"] },
  "GET /authorization/divisions": { scope: "none" },
  "GET /authorization/divisions/{id}": { scope: "none" },
  "POST /users/search": { scope: "org", all: ["directory:user:view"] },
  // Reading one user by id needs no permission in Genesys (searching does).
  "GET /users/{id}": { scope: "none" },
  ...WATCH_ENDPOINT_PERMISSIONS,
} as const satisfies Record<string, EndpointRule>;

export type EndpointKey = keyof typeof ENDPOINT_PERMISSIONS;

/** The fixture's `endpoints` section: a requirement that replaces the table's for one endpoint. */
export type EndpointOverrides = Readonly<Record<string, Requirement>>;

export function endpointRule(key: EndpointKey, overrides: EndpointOverrides = {}): EndpointRule {
  const base: EndpointRule = ENDPOINT_PERMISSIONS[key];
  const override = overrides[key];
  if (!override) return base;
  // An endpoint that needed nothing and now needs something needs it somewhere in the org.
  return { scope: base.scope === "none" ? "org" : base.scope, ...override };
}

/** Keys of `overrides` that name no simulated endpoint (a typo would otherwise silently do nothing). */
export function unknownEndpoints(overrides: EndpointOverrides): string[] {
  return Object.keys(overrides).filter((key) => !(key in ENDPOINT_PERMISSIONS));
}
