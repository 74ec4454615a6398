/**
 * The zod schema of `switchboard.policy.yml`. Objects are strict because a policy file is edited by
 * hand and a typo (`aprovers: 2`) silently ignored would weaken an approval rule. Messages say what to
 * write, since they reach the admin as `file:line:col: path: message`.
 */
import { z } from "zod";
import { parseDuration } from "../dispatch/flags.js";
import type { OrgRules, Policy, PolicyRule } from "./policy.js";

/** `*` (every org) or an org slug, the same shape `org link` accepts. */
const ORG_KEY_PATTERN = /^(\*|[a-z0-9][a-z0-9-]{0,31})$/;

/** `domain:entity:action`, any segment may be `*` (same shape as Genesys permission strings). */
const PERMISSION_PATTERN = /^(\*|[A-Za-z0-9_-]+):(\*|[A-Za-z0-9_-]+):(\*|[A-Za-z0-9_-]+)$/;

const MIN_EXPIRY_MS = 60_000;
const MAX_EXPIRY_MS = 24 * 3_600_000;

export const SINGLE_RULE_FIELDS = [
  "approval",
  "approvers",
  "approverPermission",
  "approverMustBeUser",
  "expires",
] as const;
export const BULK_RULE_FIELDS = [...SINGLE_RULE_FIELDS, "confirm"] as const;

const EXPIRES_MESSAGE = 'must be a duration from 1m to 24h, like "15m" or "2h"';

const expiresSchema = z.string({ error: EXPIRES_MESSAGE }).transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms < MIN_EXPIRY_MS || ms > MAX_EXPIRY_MS) {
    ctx.issues.push({ code: "custom", message: `${EXPIRES_MESSAGE}, not "${text}"`, input: text });
    return z.NEVER;
  }
  return ms;
});

const ruleFields = {
  approval: z.enum(["none", "required"], { error: 'must be "none" or "required"' }).optional(),
  approvers: z
    .number({ error: "must be a whole number from 1 to 5" })
    .int("must be a whole number from 1 to 5")
    .min(1, "must be at least 1 (to need no approver, write approval: none)")
    .max(5, "must be at most 5")
    .optional(),
  approverPermission: z
    .string({ error: 'must be a permission string like "outbound:campaign:start", or null' })
    .regex(
      PERMISSION_PATTERN,
      'must be a Genesys permission "domain:entity:action", e.g. "outbound:campaign:start" (* allowed per segment)',
    )
    .nullable()
    .optional(),
  approverMustBeUser: z.boolean({ error: "must be true or false" }).optional(),
  expires: expiresSchema.optional(),
};

const ruleTypeMessage = (fields: readonly string[]) => `must be a mapping of settings (${fields.join(", ")})`;

// `expires` is text in the file and milliseconds in the model, so the rest of the code never re-parses it.
const toRule = ({ expires, ...rest }: { expires?: number } & Omit<PolicyRule, "expiresMs">): PolicyRule =>
  expires === undefined ? rest : { ...rest, expiresMs: expires };

const singleRuleSchema = z
  .strictObject(ruleFields, { error: ruleTypeMessage(SINGLE_RULE_FIELDS) })
  .transform(toRule);

const bulkRuleSchema = z
  .strictObject(
    { ...ruleFields, confirm: z.boolean({ error: "must be true or false" }).optional() },
    { error: ruleTypeMessage(BULK_RULE_FIELDS) },
  )
  .transform(toRule);

const orgRulesSchema = z.strictObject(
  {
    pause: singleRuleSchema.optional(),
    resume: singleRuleSchema.optional(),
    "pause-bulk": bulkRuleSchema.optional(),
    "resume-bulk": bulkRuleSchema.optional(),
  },
  { error: "must be a mapping of actions (pause, resume, pause-bulk, resume-bulk)" },
) satisfies z.ZodType<OrgRules>;

const orgKeySchema = z
  .string()
  .regex(
    ORG_KEY_PATTERN,
    'must be "*" (every org) or an org slug: lowercase letters, digits and dashes, up to 32 characters',
  );

export const policySchema = z.strictObject(
  {
    version: z.literal(1, { error: "only version 1 is supported" }).default(1),
    orgs: z
      .record(orgKeySchema, orgRulesSchema, {
        error: 'must be a mapping from "*" or an org slug to that scope\'s actions',
      })
      .default({}),
  },
  { error: "the policy must be a mapping with an `orgs` key (and optionally `version: 1`)" },
) satisfies z.ZodType<Policy>;
