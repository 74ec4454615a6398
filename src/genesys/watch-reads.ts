/**
 * Campaign diagnostics, rules and schedules (for `why … dialing` and alerts), validated with zod and
 * mapped to the core's model. Shapes per the official SDK's CampaignDiagnostics, CampaignRule and
 * CampaignSchedule.
 */
import { z } from "zod";
import { GenesysError } from "../core/kernel/genesys-error.js";
import type {
  CampaignDiagnostics,
  CampaignRuleInfo,
  CampaignScheduleInfo,
  CampaignWatchReads,
} from "../core/kernel/watch-model.js";

const ref = z.looseObject({ id: z.string(), name: z.string().optional() });

const diagnosticsSchema = z.looseObject({
  queueUtilizationDiagnostic: z
    .looseObject({ queue: ref.optional(), usersOnQueue: z.number().optional() })
    .optional(),
  ruleSetDiagnostics: z
    .array(z.looseObject({ ruleSet: ref.optional(), warnings: z.array(z.string()).optional() }))
    .optional(),
  filteredOutContactsCount: z.number().optional(),
  idleAgents: z.number().optional(),
  numberOfContactsCalled: z.number().optional(),
  totalNumberOfContacts: z.number().optional(),
  campaignErrors: z.array(z.looseObject({ error: z.string(), details: z.string().optional() })).optional(),
});

const ruleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean().optional(),
  campaignRuleConditions: z
    .array(
      z.looseObject({
        conditionType: z.string(),
        parameters: z
          .looseObject({ operator: z.string().optional(), value: z.string().optional() })
          .optional(),
      }),
    )
    .default([]),
  campaignRuleActions: z
    .array(
      z.looseObject({
        actionType: z.string(),
        campaignRuleActionEntities: z.looseObject({ campaigns: z.array(ref).optional() }).optional(),
      }),
    )
    .default([]),
  campaignRuleEntities: z.looseObject({ campaigns: z.array(ref).optional() }).optional(),
});

const rulePageSchema = z.looseObject({
  entities: z.array(ruleSchema).default([]),
  pageCount: z.number().optional(),
});

const scheduleSchema = z.looseObject({
  intervals: z.array(z.looseObject({ start: z.string(), end: z.string() })).default([]),
  timeZone: z.string().optional(),
  campaign: ref,
});

/** The org client's GET, as this module needs it. */
export type Get = <T>(path: string, schema: z.ZodType<T>) => Promise<T>;

export function watchReads(get: Get): CampaignWatchReads {
  return {
    async getDiagnostics(campaignId) {
      const d = await get(
        `/api/v2/outbound/campaigns/${encodeURIComponent(campaignId)}/diagnostics`,
        diagnosticsSchema,
      );
      return toDiagnostics(d);
    },
    async listCampaignRules() {
      const rules: CampaignRuleInfo[] = [];
      for (let pageNumber = 1; ; pageNumber++) {
        const page = await get(
          `/api/v2/outbound/campaignrules?pageSize=100&pageNumber=${pageNumber}`,
          rulePageSchema,
        );
        rules.push(...page.entities.map(toRule));
        if (page.entities.length === 0 || pageNumber >= (page.pageCount ?? 1)) return rules;
      }
    },
    async getCampaignSchedule(campaignId) {
      try {
        const s = await get(
          `/api/v2/outbound/schedules/campaigns/${encodeURIComponent(campaignId)}`,
          scheduleSchema,
        );
        return toSchedule(s);
      } catch (e) {
        if (e instanceof GenesysError && e.status === 404) return null;
        throw e;
      }
    },
  };
}

function toDiagnostics(d: z.infer<typeof diagnosticsSchema>): CampaignDiagnostics {
  const q = d.queueUtilizationDiagnostic;
  return {
    totalContacts: d.totalNumberOfContacts ?? 0,
    contactsCalled: d.numberOfContactsCalled ?? 0,
    filteredOutContacts: d.filteredOutContactsCount ?? 0,
    idleAgents: d.idleAgents ?? 0,
    queue: q?.queue
      ? { id: q.queue.id, name: q.queue.name ?? q.queue.id, usersOnQueue: q.usersOnQueue ?? 0 }
      : null,
    ruleSetWarnings: (d.ruleSetDiagnostics ?? []).map((r) => ({
      ruleSet: r.ruleSet?.name ?? r.ruleSet?.id ?? "a rule set",
      warnings: r.warnings ?? [],
    })),
    errors: (d.campaignErrors ?? []).map((e) => ({
      error: e.error,
      ...(e.details ? { details: e.details } : {}),
    })),
  };
}

function toRule(r: z.infer<typeof ruleSchema>): CampaignRuleInfo {
  const acted = r.campaignRuleActions.flatMap((a) => a.campaignRuleActionEntities?.campaigns ?? []);
  const watched = r.campaignRuleEntities?.campaigns ?? [];
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled ?? true,
    campaignIds: [...new Set([...acted, ...watched].map((c) => c.id))],
    actionTypes: r.campaignRuleActions.map((a) => a.actionType),
    conditions: r.campaignRuleConditions.map((c) =>
      [c.conditionType, c.parameters?.operator, c.parameters?.value].filter(Boolean).join(" "),
    ),
  };
}

function toSchedule(s: z.infer<typeof scheduleSchema>): CampaignScheduleInfo {
  return { campaignId: s.campaign.id, intervals: s.intervals, timeZone: s.timeZone ?? "UTC" };
}
