/**
 * The fixture file's shape (design.md §5), as zod schemas. Objects are strict so a typo such as
 * `divison:` fails loudly instead of silently falling back to a default. Ids are optional: fixture.ts
 * fills them in deterministically after validation.
 */
import { z } from "zod";
import { isRegion, REGIONS, type Region } from "../genesys/regions.js";
import { CAMPAIGN_STATUSES } from "./control-channel.js";

/** Ids end up in URL paths, so they must be path-safe. */
const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9._~-]+$/, "must be a non-empty id made of letters, digits and . _ ~ -");

const nameSchema = z.string().trim().min(1, "must not be empty");

/** `domain:entity:action`, any segment may be `*`. */
export const PERMISSION_PATTERN = /^(\*|[A-Za-z0-9_-]+):(\*|[A-Za-z0-9_-]+):(\*|[A-Za-z0-9_-]+)$/;

const permissionSchema = z
  .string()
  .regex(PERMISSION_PATTERN, "must look like domain:entity:action (segments may be *)");

/** A role granted in a division (by name) or in every division (`*`). */
const grantSchema = z.strictObject({ role: nameSchema, division: nameSchema });

export const divisionSchema = z.strictObject({
  id: idSchema.optional(),
  name: nameSchema,
  home: z.boolean().optional(),
});

export const roleSchema = z.strictObject({
  id: idSchema.optional(),
  name: nameSchema,
  description: z.string().optional(),
  permissions: z.array(permissionSchema),
});

export const userSchema = z.strictObject({
  id: idSchema.optional(),
  email: z.email(),
  name: nameSchema.optional(),
  /** Genesys keeps people who left as inactive users: searchable, but nobody to act as. */
  state: z.enum(["active", "inactive"]).optional(),
  grants: z.array(grantSchema).default([]),
});

/** A group: its role grants apply to every member (users by email), as Genesys grants inherited ones. */
export const groupSchema = z.strictObject({
  id: idSchema.optional(),
  name: nameSchema,
  grants: z.array(grantSchema).default([]),
  members: z.array(z.email()).default([]),
});

export const oauthClientSchema = z.strictObject({
  id: idSchema,
  secret: z.string().min(1, "must not be empty"),
  name: nameSchema.optional(),
  grants: z.array(grantSchema).default([]),
  // Genesys allows 300..172800 seconds; shorter values are accepted so tests can exercise expiry.
  tokenSeconds: z.number().int().min(1).max(172_800).default(86_400),
  /** A token unused this long idles out (`dateTokenIdles`); absent: only expiry ends it. */
  idleSeconds: z.number().int().min(1).optional(),
  state: z.enum(["active", "inactive", "disabled"]).default("active"),
});

export const DIALING_MODES = [
  "agentless",
  "preview",
  "power",
  "predictive",
  "progressive",
  "external",
] as const;

const countSchema = z.number().int().min(0);

/** Optional overrides of the numbers `GET …/{id}/stats` reports; missing ones are derived. */
const campaignStatsSchema = z.strictObject({
  attempts: countSchema.optional(),
  connects: countSchema.optional(),
  idleAgents: countSchema.optional(),
  effectiveIdleAgents: z.number().min(0).optional(),
  adjustedCallsPerAgent: z.number().min(0).optional(),
  outstandingCalls: countSchema.optional(),
  scheduledCalls: countSchema.optional(),
  timeZoneRescheduledCalls: countSchema.optional(),
});

/** What `GET …/{id}/diagnostics` reports beyond the derived defaults (campaign watch, `why … dialing`). */
const campaignDiagnosticsSchema = z.strictObject({
  /** Contacts still callable in the contact list; default: the ones not called yet. */
  callableContacts: countSchema.optional(),
  /** Agents on the campaign's queue; default derived (0 when the campaign is not on). */
  usersOnQueue: countSchema.optional(),
  /** Warnings Genesys reports per rule set, e.g. "All contacts filtered out". */
  ruleSetWarnings: z.array(z.strictObject({ ruleSet: nameSchema, warnings: z.array(z.string()) })).optional(),
});

/** An error Genesys attaches to an invalid or forced-off campaign (`Campaign.errors`, RestErrorDetail). */
const campaignErrorSchema = z.strictObject({ error: nameSchema, details: z.string().optional() });

/** A campaign rule that turns campaigns on or off on its own (`/api/v2/outbound/campaignrules`). */
const campaignRuleSchema = z.strictObject({
  id: idSchema.optional(),
  name: nameSchema,
  /** Campaign names the rule watches and acts on. */
  campaigns: z.array(nameSchema).min(1),
  condition: z
    .strictObject({
      type: nameSchema.default("campaignProgress"),
      operator: z.string().default("greaterThan"),
      value: z.string().default("80"),
    })
    .default({ type: "campaignProgress", operator: "greaterThan", value: "80" }),
  action: z.enum(["turnOffCampaign", "turnOnCampaign", "setCampaignPriority"]).default("turnOffCampaign"),
  enabled: z.boolean().default(true),
});

/** A campaign schedule: when Genesys itself starts and stops a campaign (`/api/v2/outbound/schedules/campaigns`). */
const campaignScheduleSchema = z.strictObject({
  campaign: nameSchema,
  /** Local times `YYYY-MM-DDTHH:mm:ss` (no zone, as Genesys stores them) in `timeZone`. */
  intervals: z.array(z.strictObject({ start: z.string().min(1), end: z.string().min(1) })).min(1),
  timeZone: z.string().default("UTC"),
});

export const campaignSchema = z.strictObject({
  id: idSchema.optional(),
  name: nameSchema,
  division: nameSchema,
  status: z.enum(CAMPAIGN_STATUSES).default("off"),
  dialingMode: z.enum(DIALING_MODES).default("preview"),
  progress: z.number().min(0).max(100).default(0),
  totalContacts: countSchema.default(1000),
  stats: campaignStatsSchema.optional(),
  contactList: nameSchema.optional(),
  queue: nameSchema.optional(),
  callerName: z.string().optional(),
  callerAddress: z.string().optional(),
  diagnostics: campaignDiagnosticsSchema.optional(),
  errors: z.array(campaignErrorSchema).optional(),
});

export const orgSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, - or _"),
  id: idSchema.optional(),
  name: nameSchema,
  region: z.custom<Region>((v) => typeof v === "string" && isRegion(v), {
    error: (iss) =>
      iss.input === undefined
        ? "is required"
        : `unknown region "${String(iss.input)}" (expected one of ${REGIONS.join(", ")})`,
  }),
  divisions: z.array(divisionSchema).min(1, "needs at least one division"),
  roles: z.array(roleSchema).default([]),
  users: z.array(userSchema).default([]),
  groups: z.array(groupSchema).default([]),
  oauthClients: z.array(oauthClientSchema).default([]),
  campaigns: z.array(campaignSchema).default([]),
  /** How a PUT with a stale version is refused: 409 general.conflict, or the 400 Genesys also sends. */
  staleVersion: z.enum(["conflict", "bad_request"]).default("conflict"),
  campaignRules: z.array(campaignRuleSchema).default([]),
  campaignSchedules: z.array(campaignScheduleSchema).default([]),
});

const chatUserMapSchema = z
  .strictObject({
    org: nameSchema,
    genesysUser: nameSchema.optional(),
    genesysRole: nameSchema.optional(),
  })
  .refine((m) => (m.genesysUser === undefined) !== (m.genesysRole === undefined), {
    error: "needs exactly one of genesysUser or genesysRole",
  });

export const switchboardSchema = z.strictObject({
  admins: z.array(nameSchema).default([]),
  chatUsers: z
    .array(z.strictObject({ name: nameSchema, maps: z.array(chatUserMapSchema).default([]) }))
    .default([]),
  policy: z.record(z.string(), z.unknown()).default({}),
});

export const fixtureSchema = z.strictObject({
  orgs: z.array(orgSchema).min(1, "needs at least one org"),
  limits: z
    .strictObject({
      perTokenPerMinute: z.number().int().min(1).default(300),
      /** A fixed Retry-After for 429s (Genesys sends minutes at times); absent: until the window resets. */
      retryAfterSeconds: z.number().int().min(1).optional(),
    })
    .default({ perTokenPerMinute: 300 }),
  faults: z
    .strictObject({
      latencyMs: z.number().int().min(0).default(0),
      errorRate: z.number().min(0).max(1).default(0),
      errorStatus: z.number().int().min(400).max(599).default(503),
    })
    .default({ latencyMs: 0, errorRate: 0, errorStatus: 503 }),
  /**
   * What an endpoint requires, where it differs from ENDPOINT_PERMISSIONS (key `GET /outbound/campaigns`).
   * Genesys changes requirements at times, and some endpoints accept any one of several permissions
   * (answered with `missing.any.permissions`): a fixture can say so.
   */
  endpoints: z
    .record(
      z.string(),
      z.union([
        z.strictObject({ all: z.array(z.string().min(1)).min(1) }),
        z.strictObject({ any: z.array(z.string().min(1)).min(1) }),
      ]),
    )
    .default({}),
  timing: z.strictObject({ stoppingMs: z.number().int().min(0).default(2000) }).default({ stoppingMs: 2000 }),
  switchboard: switchboardSchema.optional(),
});

export type FixtureInput = z.input<typeof fixtureSchema>;
export type ParsedFixture = z.output<typeof fixtureSchema>;
