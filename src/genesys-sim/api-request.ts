/**
 * One `/api/v2/...` request through the same gates Genesys applies, in order: route exists → bearer
 * token valid for this org and region → per-token rate limit → (injected fault) → permission → handler.
 */
import type { Region } from "../genesys/regions.js";
import type { ApiContext, ApiHandler } from "./api-context.js";
import { campaignRoutes } from "./campaign-routes.js";
import { directoryRoutes } from "./directory-routes.js";
import { type EndpointKey, endpointRule } from "./endpoint-permissions.js";
import { parseJsonBody } from "./http-io.js";
import { identityRoutes } from "./identity-routes.js";
import { requirementPermissions } from "./permissions.js";
import type { RateLimiter } from "./rate-limiter.js";
import { matchRoute } from "./router.js";
import {
  authenticationRequired,
  badCredentials,
  credentialsExpired,
  injectedFault,
  missingAnyPermissions,
  missingPermissions,
  notFound,
  SimError,
  tooManyRequests,
} from "./sim-error.js";
import type { SimState } from "./sim-state.js";
import { watchRoutes } from "./watch-routes.js";
import type { World } from "./world.js";

const HANDLERS: Record<EndpointKey, ApiHandler> = {
  ...campaignRoutes,
  ...identityRoutes,
  ...directoryRoutes,
  ...watchRoutes,
};

export interface Faults {
  latencyMs: number;
  errorRate: number;
  errorStatus: number;
  tokenEndpointDown: boolean;
}

export interface ApiDeps {
  world: World;
  state: SimState;
  limiter: RateLimiter;
  perTokenPerMinute: () => number;
  /** A fixed Retry-After for 429s; undefined: until the window resets. */
  retryAfterSeconds: () => number | undefined;
  faults: () => Faults;
  random: () => number;
}

export interface ApiRequest {
  region: Region;
  method: string;
  /** Path after `/api/v2`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  rawBody: Buffer;
  now: number;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** True when the per-token limit (not an injected fault) refused the request. */
  rateLimited: boolean;
}

export function handleApiRequest(deps: ApiDeps, req: ApiRequest): ApiAnswer {
  const headers: Record<string, string> = {};
  try {
    const route = matchRoute(req.method, req.path);
    if (!route) throw notFound(`No resource found for ${req.method} /api/v2${req.path}.`);

    const caller = authenticate(deps, req);

    const decision = deps.limiter.hit(caller.token.token, req.now, deps.perTokenPerMinute());
    Object.assign(headers, deps.limiter.headers(decision));
    if (!decision.allowed) {
      const err = tooManyRequests(decision.limit, deps.retryAfterSeconds() ?? decision.resetSeconds);
      return { status: 429, body: err.body(), headers: { ...headers, ...err.headers }, rateLimited: true };
    }

    const faults = deps.faults();
    if (faults.errorRate > 0 && deps.random() < faults.errorRate) throw injectedFault(faults.errorStatus);

    const rule = endpointRule(route.key, deps.world.fixture.endpoints);
    if (rule.scope !== "none" && !caller.perms.satisfies(rule)) {
      throw "all" in rule
        ? missingPermissions(caller.perms.missing(rule))
        : missingAnyPermissions(requirementPermissions(rule));
    }

    const body = req.method === "POST" || req.method === "PUT" ? parseJsonBody(req.rawBody) : undefined;
    const ctx: ApiContext = {
      ...caller,
      world: deps.world,
      state: deps.state,
      rule,
      params: route.params,
      query: req.query,
      body,
      now: req.now,
    };
    const result = HANDLERS[route.key](ctx);
    return { status: result.status ?? 200, body: result.body, headers, rateLimited: false };
  } catch (e) {
    if (!(e instanceof SimError)) throw e;
    return { status: e.status, body: e.body(), headers: { ...headers, ...e.headers }, rateLimited: false };
  }
}

function authenticate(
  deps: ApiDeps,
  req: ApiRequest,
): Pick<ApiContext, "org" | "client" | "token" | "perms"> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.authorization ?? "");
  if (!m?.[1]) throw authenticationRequired();
  const token = deps.state.token(m[1]);
  if (!token) throw authenticationRequired("The authentication token is not valid.");
  // Tokens are region-local: another region's API has never heard of this one.
  if (token.region !== req.region) {
    throw badCredentials(
      `Invalid login credentials. This token was not issued for ${deps.world.apiHost(req.region)}.`,
    );
  }
  const found = deps.world.client(token.clientId);
  const org = deps.world.orgById(token.orgId);
  if (!found || !org || found.org !== org)
    throw authenticationRequired("The authentication token is not valid.");
  if (deps.state.isRevoked(token.clientId) || found.client.state !== "active") {
    throw badCredentials("Invalid login credentials. The token's OAuth client is no longer active.");
  }
  if (token.expired || req.now >= token.expiresAt) throw credentialsExpired();
  return { org, client: found.client, token, perms: deps.world.permissions(org, found.client.grants) };
}
