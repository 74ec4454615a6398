/**
 * What an endpoint handler gets: the caller (token → org, OAuth client, permissions) and the request.
 * Handlers are synchronous and throw SimError for Genesys-shaped failures.
 */
import type { EndpointRule } from "./endpoint-permissions.js";
import type { FixtureOAuthClient } from "./fixture.js";
import type { PermissionSet } from "./permissions.js";
import type { SimState, TokenRecord } from "./sim-state.js";
import type { OrgModel, World } from "./world.js";

export interface ApiContext {
  world: World;
  state: SimState;
  org: OrgModel;
  client: FixtureOAuthClient;
  token: TokenRecord;
  perms: PermissionSet;
  rule: EndpointRule;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  now: number;
}

interface ApiResult {
  status?: number;
  body: unknown;
}

export type ApiHandler = (ctx: ApiContext) => ApiResult;

/** A route parameter that the router guarantees exists. */
export function param(ctx: ApiContext, name: string): string {
  return ctx.params[name] ?? "";
}
