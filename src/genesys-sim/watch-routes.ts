/**
 * Endpoints campaign watch needs: notification channels and subscriptions, campaign diagnostics,
 * campaign rules and campaign schedules (shapes per the official SDK's Channel, ChannelTopic,
 * CampaignDiagnostics, CampaignRule and CampaignSchedule models). Kept apart from the campaign
 * routes so the two can change independently; endpoint-permissions.ts spreads the table in.
 */
import { type ApiContext, type ApiHandler, param } from "./api-context.js";
import { contactsCalled, renderCampaign } from "./campaign-view.js";
import type { FixtureCampaign } from "./fixture.js";
import { derivedUuid, unitHash } from "./ids.js";
import type { NotificationHub } from "./notification-hub.js";
import { pageOf, parsePaging } from "./paging.js";
import { notFound } from "./sim-error.js";
import type { SimState } from "./sim-state.js";

const VIEW = ["outbound:campaign:view"];

export const WATCH_ENDPOINT_PERMISSIONS = {
  "GET /notifications/channels": { scope: "none" },
  "POST /notifications/channels": { scope: "none" },
  "GET /notifications/channels/{id}/subscriptions": { scope: "none" },
  "PUT /notifications/channels/{id}/subscriptions": { scope: "none" },
  "POST /notifications/channels/{id}/subscriptions": { scope: "none" },
  "GET /outbound/campaigns/{id}/diagnostics": { scope: "division", all: VIEW },
  "GET /outbound/campaignrules": { scope: "org", all: ["outbound:campaignRule:view"] },
  "GET /outbound/schedules/campaigns": { scope: "org", all: ["outbound:schedule:view"] },
  "GET /outbound/schedules/campaigns/{id}": { scope: "org", all: ["outbound:schedule:view"] },
} as const;

/**
 * The hub of each running simulator, found from its state: the request pipeline stays unaware of
 * streaming, and two simulators in one process (tests) never share channels.
 */
const hubs = new WeakMap<SimState, NotificationHub>();

export function registerHub(state: SimState, hub: NotificationHub): void {
  hubs.set(state, hub);
}

function hub(ctx: ApiContext): NotificationHub {
  const found = hubs.get(ctx.state);
  if (!found) throw notFound("Notifications are not available on this simulator.");
  return found;
}

function visible(ctx: ApiContext, id: string): { fx: FixtureCampaign; divisionId: string } | undefined {
  const fx = ctx.org.campaignById.get(id);
  const divisionId = fx ? ctx.org.divisionByName.get(fx.division)?.id : undefined;
  if (!fx || !divisionId || !ctx.perms.has(VIEW[0] ?? "", divisionId)) return undefined;
  return { fx, divisionId };
}

const ref = (id: string, name: string, kind: string) => ({ id, name, selfUri: `/api/v2/${kind}/${id}` });

const diagnostics: ApiHandler = (ctx) => {
  const id = param(ctx, "id");
  const found = visible(ctx, id);
  const state = found ? ctx.state.campaign(id) : undefined;
  if (!found || !state) throw notFound(`Unable to find a campaign with id ${id}.`);
  const { fx } = found;
  const campaign = renderCampaign(ctx.org, fx, state) as { queue: { id: string; name: string } };
  const d = fx.diagnostics ?? {};
  const called = contactsCalled(fx);
  const callable = d.callableContacts ?? Math.max(0, fx.totalContacts - called);
  const live = state.status === "on";
  const h = (salt: string) => unitHash(`${fx.id}:${salt}`);
  const usersOnQueue = d.usersOnQueue ?? 2 + Math.floor(h("onqueue") * 10);
  const idleAgents =
    fx.stats?.idleAgents ?? (live ? Math.min(usersOnQueue, 1 + Math.floor(h("idle") * 8)) : 0);
  const slug = ctx.org.fx.slug;
  return {
    body: {
      callableContacts: {
        dncLists: [],
        ruleSets: (d.ruleSetWarnings ?? []).map((r) =>
          ref(derivedUuid(slug, "ruleSet", r.ruleSet), r.ruleSet, "outbound/rulesets"),
        ),
      },
      queueUtilizationDiagnostic: {
        queue: { ...campaign.queue, selfUri: `/api/v2/routing/queues/${campaign.queue.id}` },
        usersInQueue: usersOnQueue,
        activeUsersInQueue: usersOnQueue,
        usersOnQueue,
        usersNotUtilized: idleAgents,
        usersOnQueueWithStation: usersOnQueue,
        usersOnACampaignCall: live ? usersOnQueue - idleAgents : 0,
        usersOnDifferentEdgeGroup: 0,
        usersOnANonCampaignCall: 0,
      },
      ruleSetDiagnostics: (d.ruleSetWarnings ?? []).map((r) => ({
        ruleSet: ref(derivedUuid(slug, "ruleSet", r.ruleSet), r.ruleSet, "outbound/rulesets"),
        warnings: r.warnings,
      })),
      outstandingInteractionsCount: live ? Math.floor(h("outstanding") * 6) : 0,
      scheduledInteractionsCount: Math.floor(h("scheduled") * 25),
      timeZoneRescheduledCallsCount: Math.floor(h("tz") * 4),
      // Contacts neither called nor callable: filtered by DNC, rule sets, callable times…
      filteredOutContactsCount: Math.max(0, fx.totalContacts - called - callable),
      idleAgents,
      effectiveIdleAgents: idleAgents,
      linesUtilization: { assignedOutboundLines: live ? 10 : 0, totalAvailableOutboundLines: 50 },
      numberOfContactsCalled: called,
      totalNumberOfContacts: fx.totalContacts,
      campaignErrors: state.errors ?? [],
    },
  };
};

const rules: ApiHandler = (ctx) => {
  const slug = ctx.org.fx.slug;
  const campaignRef = (name: string) => {
    const fx = ctx.org.fx.campaigns.find((c) => c.name === name);
    const id = fx?.id ?? derivedUuid(slug, "campaign", name);
    return ref(id, ctx.state.campaign(id)?.name ?? name, "outbound/campaigns");
  };
  const rows = ctx.org.fx.campaignRules.map((r) => {
    const campaigns = r.campaigns.map(campaignRef);
    const id = r.id ?? derivedUuid(slug, "campaignRule", r.name);
    return {
      id,
      name: r.name,
      version: 1,
      enabled: r.enabled,
      matchAnyConditions: false,
      campaignRuleProcessing: "v1",
      campaignRuleEntities: { campaigns },
      campaignRuleConditions: [
        {
          conditionType: r.condition.type,
          parameters: { operator: r.condition.operator, value: r.condition.value },
        },
      ],
      campaignRuleActions: [
        { actionType: r.action, campaignRuleActionEntities: { campaigns, useTriggeringEntity: false } },
      ],
      selfUri: `/api/v2/outbound/campaignrules/${id}`,
    };
  });
  return { body: pageOf(rows, parsePaging(ctx.query)) };
};

function renderSchedule(ctx: ApiContext, s: ApiContext["org"]["fx"]["campaignSchedules"][number]) {
  const fx = ctx.org.fx.campaigns.find((c) => c.name === s.campaign);
  if (!fx) return undefined;
  const division = ctx.org.divisionByName.get(fx.division) ?? ctx.org.home;
  return {
    id: fx.id,
    name: s.campaign,
    version: 1,
    intervals: s.intervals,
    timeZone: s.timeZone,
    campaign: {
      id: fx.id,
      name: ctx.state.campaign(fx.id)?.name ?? fx.name,
      division: {
        id: division.id,
        name: division.name,
        selfUri: `/api/v2/authorization/divisions/${division.id}`,
      },
      selfUri: `/api/v2/outbound/campaigns/${fx.id}`,
    },
    selfUri: `/api/v2/outbound/schedules/campaigns/${fx.id}`,
  };
}

const schedules: ApiHandler = (ctx) => ({
  body: ctx.org.fx.campaignSchedules.flatMap((s) => renderSchedule(ctx, s) ?? []),
});

const schedule: ApiHandler = (ctx) => {
  const id = param(ctx, "id");
  const found = ctx.org.fx.campaignSchedules
    .map((s) => renderSchedule(ctx, s))
    .find((s) => s?.campaign.id === id);
  if (!found) throw notFound(`Unable to find a campaign schedule with id ${id}.`);
  return { body: found };
};

export const watchRoutes = {
  "GET /notifications/channels": (ctx) => ({ body: hub(ctx).listChannels(ctx) }),
  "POST /notifications/channels": (ctx) => ({ body: hub(ctx).createChannel(ctx) }),
  "GET /notifications/channels/{id}/subscriptions": (ctx) => ({
    body: hub(ctx).subscriptions(ctx, param(ctx, "id")),
  }),
  "PUT /notifications/channels/{id}/subscriptions": (ctx) => ({
    body: hub(ctx).subscribe(ctx, param(ctx, "id"), ctx.body, true),
  }),
  "POST /notifications/channels/{id}/subscriptions": (ctx) => ({
    body: hub(ctx).subscribe(ctx, param(ctx, "id"), ctx.body, false),
  }),
  "GET /outbound/campaigns/{id}/diagnostics": diagnostics,
  "GET /outbound/campaignrules": rules,
  "GET /outbound/schedules/campaigns": schedules,
  "GET /outbound/schedules/campaigns/{id}": schedule,
} satisfies Record<keyof typeof WATCH_ENDPOINT_PERMISSIONS, ApiHandler>;
