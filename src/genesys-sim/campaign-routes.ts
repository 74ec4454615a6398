/**
 * Outbound campaign endpoints. Visibility follows Genesys: a campaign in a division where the caller
 * lacks `outbound:campaign:view` does not exist for it (404, absent from lists); only when it is
 * visible does a missing action permission surface as 403.
 */
import { type ApiContext, type ApiHandler, param } from "./api-context.js";
import { parseCampaignQuery } from "./campaign-query.js";
import { renderCampaign, renderProgress, renderStats } from "./campaign-view.js";
import type { EndpointKey } from "./endpoint-permissions.js";
import type { FixtureCampaign } from "./fixture.js";
import { DIALING_MODES } from "./fixture-schema.js";
import { pageOf, parsePaging, withPageUris } from "./paging.js";
import { requirementPermissions } from "./permissions.js";
import {
  badRequest,
  conflict,
  invalidValue,
  missingAnyPermissions,
  missingFields,
  missingPermissions,
  notFound,
} from "./sim-error.js";
import type { CampaignState } from "./sim-state.js";

const VIEW = "outbound:campaign:view";

/** Resolves `{id}` in the caller's org and enforces the endpoint's division-scoped permission. */
function visibleCampaign(ctx: ApiContext): { fx: FixtureCampaign; state: CampaignState } {
  const id = param(ctx, "id");
  const fx = ctx.org.campaignById.get(id);
  const state = fx ? ctx.state.campaign(id) : undefined;
  const divisionId = fx ? ctx.org.divisionByName.get(fx.division)?.id : undefined;
  if (!fx || !state || !divisionId || !ctx.perms.has(VIEW, divisionId)) {
    throw notFound(`Unable to find a campaign with id ${id}.`);
  }
  const rule = ctx.rule;
  if (rule.scope !== "none" && !ctx.perms.satisfies(rule, divisionId)) {
    const missing = ctx.perms.missing(rule, divisionId);
    throw "all" in rule ? missingPermissions(missing) : missingAnyPermissions(requirementPermissions(rule));
  }
  return { fx, state };
}

const view = (ctx: ApiContext, fx: FixtureCampaign, state: CampaignState) =>
  renderCampaign(ctx.org, fx, state);

const list: ApiHandler = (ctx) => {
  const paging = parsePaging(ctx.query);
  const q = parseCampaignQuery(ctx.query);
  const rows: Record<string, unknown>[] = [];
  for (const fx of ctx.org.fx.campaigns) {
    const divisionId = ctx.org.divisionByName.get(fx.division)?.id ?? "";
    if (!ctx.perms.has(VIEW, divisionId)) continue;
    if (q.divisionIds.length > 0 && !q.divisionIds.includes(divisionId)) continue;
    if (q.ids.length > 0 && !q.ids.includes(fx.id)) continue;
    const state = ctx.state.campaign(fx.id);
    if (!state || !q.nameMatches(state.name)) continue;
    rows.push(view(ctx, fx, state));
  }
  return { body: withPageUris(pageOf(q.sort(rows), paging), "/api/v2/outbound/campaigns", ctx.query) };
};

const get: ApiHandler = (ctx) => {
  const { fx, state } = visibleCampaign(ctx);
  return { body: view(ctx, fx, state) };
};

/** Start and stop answer with no body (the SDK's `Promise<void>`). */
const NO_BODY = { body: undefined };

const stop: ApiHandler = (ctx) => {
  const { fx, state } = visibleCampaign(ctx);
  // Stopping anything that is not dialing is a harmless no-op, as in Genesys.
  if (state.status !== "on") return NO_BODY;
  ctx.state.updateCampaign(fx.id, (c) => {
    c.status = "stopping";
  });
  return NO_BODY;
};

const start: ApiHandler = (ctx) => {
  const { fx, state } = visibleCampaign(ctx);
  if (state.status === "on") return NO_BODY;
  if (state.status === "stopping" || state.status === "forced_stopping") {
    throw badRequest(`Campaign ${state.name} is stopping; it can be started once it is off.`);
  }
  if (state.status === "invalid")
    throw invalidValue(`Campaign ${state.name} is invalid and cannot be started.`);
  ctx.state.updateCampaign(fx.id, (c) => {
    c.status = "on";
  });
  return NO_BODY;
};

const update: ApiHandler = (ctx) => {
  const { fx, state } = visibleCampaign(ctx);
  const body = ctx.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("The request body must be a campaign object.");
  }
  const b = body as Record<string, unknown>;
  const missing = missingCampaignFields(b);
  if (missing.length > 0) throw missingFields(missing);
  if (typeof b.version !== "number" || !Number.isInteger(b.version)) {
    throw badRequest("The campaign version is required.");
  }
  if (b.version !== state.version) {
    const said = `The campaign version ${b.version} does not match the current version ${state.version}. Get the campaign again and retry.`;
    throw ctx.org.fx.staleVersion === "bad_request" ? badRequest(said) : conflict(said);
  }
  const nextStatus = statusAfterPut(state.status, b.campaignStatus);
  const name = b.name === undefined ? state.name : b.name;
  if (typeof name !== "string" || name.trim() === "")
    throw invalidValue("The campaign name must not be empty.");
  const clash = ctx.org.fx.campaigns.find(
    (c) => c.id !== fx.id && ctx.state.campaign(c.id)?.name.toLowerCase() === name.toLowerCase(),
  );
  if (clash) throw invalidValue(`A campaign named ${name} already exists.`);
  const mode = b.dialingMode === undefined ? state.dialingMode : b.dialingMode;
  if (typeof mode !== "string" || !(DIALING_MODES as readonly string[]).includes(mode)) {
    throw invalidValue(`dialingMode must be one of ${DIALING_MODES.join(", ")}.`);
  }
  const next = ctx.state.updateCampaign(fx.id, (c) => {
    c.status = nextStatus;
    c.name = name;
    c.dialingMode = mode;
  });
  return { body: view(ctx, fx, next) };
};

/** A PUT replaces the whole campaign: the model's required fields must all be there. */
const REQUIRED_FIELDS = ["name", "contactList", "dialingMode", "phoneColumns", "callerName", "callerAddress"];

function missingCampaignFields(b: Record<string, unknown>): string[] {
  return REQUIRED_FIELDS.filter((f) => b[f] === undefined || b[f] === null || b[f] === "");
}

/** A PUT may switch on → off (which starts `stopping`) or anything → on; nothing else. */
function statusAfterPut(current: string, requested: unknown): string {
  if (requested === undefined || requested === current) return current;
  if (requested === "off" && (current === "stopping" || current === "off")) return current;
  if (requested === "on") return "on";
  if (requested === "off" && current === "on") return "stopping";
  throw invalidValue(`campaignStatus cannot change from ${current} to ${String(requested)} with an update.`);
}

const progress: ApiHandler = (ctx) => {
  const { fx, state } = visibleCampaign(ctx);
  return { body: renderProgress(ctx.org, fx, state) };
};

const stats: ApiHandler = (ctx) => {
  const { fx, state } = visibleCampaign(ctx);
  return { body: renderStats(fx, state) };
};

/** Bulk progress: ids the caller cannot see are left out, like the list endpoint. */
const bulkProgress: ApiHandler = (ctx) => {
  if (!Array.isArray(ctx.body) || !ctx.body.every((v) => typeof v === "string")) {
    throw badRequest("The request body must be an array of campaign ids.");
  }
  const out: unknown[] = [];
  for (const id of ctx.body as string[]) {
    const fx = ctx.org.campaignById.get(id);
    const state = fx ? ctx.state.campaign(id) : undefined;
    if (!fx || !state || !ctx.perms.has(VIEW, ctx.org.divisionByName.get(fx.division)?.id ?? "")) continue;
    out.push(renderProgress(ctx.org, fx, state));
  }
  return { body: out };
};

export const campaignRoutes = {
  "GET /outbound/campaigns": list,
  "POST /outbound/campaigns/progress": bulkProgress,
  "GET /outbound/campaigns/{id}": get,
  "PUT /outbound/campaigns/{id}": update,
  "POST /outbound/campaigns/{id}/start": start,
  "POST /outbound/campaigns/{id}/stop": stop,
  "GET /outbound/campaigns/{id}/progress": progress,
  "GET /outbound/campaigns/{id}/stats": stats,
} satisfies Partial<Record<EndpointKey, ApiHandler>>;
