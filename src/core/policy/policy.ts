/**
 * Approval policy: per org and action, whether approval is needed, by how many approvers holding which
 * permission, how long a request stays open, and whether a bulk action asks the caller to confirm its
 * list. The file format is validated by policy-schema.ts; this module holds the model and its
 * resolution, as pure functions.
 */

export const POLICY_ACTIONS = ["pause", "resume", "pause-bulk", "resume-bulk"] as const;

/** `pause`/`resume` act on named campaigns; the `-bulk` variants on `--all` / `--match GLOB`. */
type PolicyAction = (typeof POLICY_ACTIONS)[number];

type Approval = "none" | "required";

/** One action's settings in one scope. An absent field inherits from the next layer (see resolveRule). */
export interface PolicyRule {
  approval?: Approval;
  /** Distinct approvers needed, none of them the requester. 1–5. */
  approvers?: number;
  /**
   * Permission an approver must hold in the campaign's division; null = the action's own permission
   * (`outbound:campaign:start` for resume…). An explicit null resets a wider scope's override.
   */
  approverPermission?: string | null;
  /**
   * Approvers must be mapped to a Genesys user: an identity mapped to a role (a shared, unnamed
   * Genesys identity) may then not approve, so every vote names a person Genesys knows.
   */
  approverMustBeUser?: boolean;
  /** How long a request stays open, in milliseconds. */
  expiresMs?: number;
  /** Bulk only: show the matched campaigns and wait for the caller's confirmation before acting. */
  confirm?: boolean;
}

export type OrgRules = Partial<Record<PolicyAction, PolicyRule>>;

/** A validated policy. `orgs` keys are `*` (every org) or an org slug. */
export interface Policy {
  readonly version: 1;
  readonly orgs: Readonly<Record<string, OrgRules>>;
}

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * The design's defaults, the bottom layer of every resolution: stopping dialing is the safe direction,
 * so pause needs no approval (a bulk pause shows its list and asks for confirmation); resume needs one
 * approver other than the requester; requests expire after 15 minutes.
 */
const BUILT_IN_RULES: Readonly<Record<PolicyAction, Readonly<Required<PolicyRule>>>> = {
  pause: {
    approval: "none",
    approvers: 1,
    approverPermission: null,
    approverMustBeUser: false,
    expiresMs: FIFTEEN_MINUTES,
    confirm: false,
  },
  "pause-bulk": {
    approval: "none",
    approvers: 1,
    approverPermission: null,
    approverMustBeUser: false,
    expiresMs: FIFTEEN_MINUTES,
    confirm: true,
  },
  resume: {
    approval: "required",
    approvers: 1,
    approverPermission: null,
    approverMustBeUser: false,
    expiresMs: FIFTEEN_MINUTES,
    confirm: false,
  },
  "resume-bulk": {
    approval: "required",
    approvers: 1,
    approverPermission: null,
    approverMustBeUser: false,
    expiresMs: FIFTEEN_MINUTES,
    confirm: false,
  },
};

/** No overrides: every org resolves to BUILT_IN_RULES. Used when there is no policy file. */
export const DEFAULT_POLICY: Policy = Object.freeze({ version: 1, orgs: Object.freeze({}) });

type RuleField = keyof Required<PolicyRule>;
const RULE_FIELDS: readonly RuleField[] = [
  "approval",
  "approvers",
  "approverPermission",
  "approverMustBeUser",
  "expiresMs",
  "confirm",
];

/** What applies to one request, and where each part came from (for `why` and approval cards). */
export interface ResolvedRule {
  approval: Approval;
  approvers: number;
  approverPermission: string | null;
  approverMustBeUser: boolean;
  expiresMs: number;
  confirm: boolean;
  /** The most specific layer that set any field (`orgs.acme.resume`), or `default`. */
  source: string;
  /** The layer each field came from. */
  fieldSources: Record<RuleField, string>;
}

/** Names the floor that makes a bulk action without approval confirm anyway (see resolveRule). */
export const BULK_CONFIRM_FLOOR = "bulk without approval always confirms";

/**
 * Resolves the rule for one action in one org, field by field: each field takes the value of the
 * first layer that sets it, in this order (most specific first):
 *
 *   single action: orgs.<slug>.<action> → orgs.*.<action> → default
 *   bulk action:   orgs.<slug>.<action>-bulk → orgs.<slug>.<action>
 *                  → orgs.*.<action>-bulk → orgs.*.<action> → default (<action>-bulk)
 *
 * So a bulk rule falls back to the single-action rule of the same scope before the wider scope: an
 * org that relaxes `pause` relaxes its bulk pause too unless it says otherwise. The design requires
 * every bulk selector to show its list and get a confirmation or an approval, so a bulk rule that
 * ends up with neither confirms anyway.
 */
export function resolveRule(
  policy: Policy,
  orgSlug: string,
  action: "pause" | "resume",
  options: { bulk: boolean },
): ResolvedRule {
  const bulkAction: PolicyAction = action === "pause" ? "pause-bulk" : "resume-bulk";
  const keys: PolicyAction[] = options.bulk ? [bulkAction, action] : [action];
  const scopes = orgSlug === "*" ? ["*"] : [orgSlug, "*"];
  const layers: { name: string; rule: PolicyRule }[] = [];
  for (const scope of scopes) {
    const rules = Object.hasOwn(policy.orgs, scope) ? policy.orgs[scope] : undefined;
    for (const key of keys) {
      const rule = rules?.[key];
      if (rule) layers.push({ name: `orgs.${scope}.${key}`, rule });
    }
  }
  const base = BUILT_IN_RULES[options.bulk ? bulkAction : action];
  layers.push({ name: "default", rule: base });

  const pick = <F extends RuleField>(field: F): { value: Required<PolicyRule>[F]; from: string } => {
    for (const layer of layers) {
      const value = layer.rule[field];
      if (value !== undefined) return { value: value as Required<PolicyRule>[F], from: layer.name };
    }
    return { value: base[field], from: "default" };
  };

  const approval = pick("approval");
  const approvers = pick("approvers");
  const approverPermission = pick("approverPermission");
  const approverMustBeUser = pick("approverMustBeUser");
  const expiresMs = pick("expiresMs");
  let confirm = pick("confirm");
  if (options.bulk && approval.value === "none" && !confirm.value) {
    confirm = { value: true, from: BULK_CONFIRM_FLOOR };
  }
  const fieldSources: Record<RuleField, string> = {
    approval: approval.from,
    approvers: approvers.from,
    approverPermission: approverPermission.from,
    approverMustBeUser: approverMustBeUser.from,
    expiresMs: expiresMs.from,
    confirm: confirm.from,
  };
  const used = new Set(RULE_FIELDS.map((f) => fieldSources[f]));
  return {
    approval: approval.value,
    approvers: approvers.value,
    approverPermission: approverPermission.value,
    approverMustBeUser: approverMustBeUser.value,
    expiresMs: expiresMs.value,
    confirm: confirm.value,
    source: layers.find((l) => used.has(l.name))?.name ?? "default",
    fieldSources,
  };
}
