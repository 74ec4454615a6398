/**
 * THE table of what each chat command requires of the caller. Campaign actions need a Genesys
 * permission held by the caller's mapped identity in the campaign's division: the bot acts with the
 * org's OAuth client, so without this check anyone in chat could do whatever that client can
 * (confused deputy). A command missing from the table is a bug: the catalogue test fails, so a new
 * command cannot ship without a permission decision.
 */

/** The Genesys permissions behind campaign actions (genesys-cloud-facts.md). */
export const CAMPAIGN_PERMISSION = {
  view: "outbound:campaign:view",
  stop: "outbound:campaign:stop",
  start: "outbound:campaign:start",
  edit: "outbound:campaign:edit",
} as const;

/** `view`, `stop`, `start`, `edit`: what `whoami` reports per division, in this order. */
export type CampaignCapability = keyof typeof CAMPAIGN_PERMISSION;
export const CAMPAIGN_CAPABILITIES: readonly CampaignCapability[] = ["view", "stop", "start", "edit"];

/** How one chat command is guarded. */
export type Access =
  /** The caller's mapped Genesys identity must hold at least one of `anyOf` (in the campaign's division). */
  | { kind: "genesys"; anyOf: readonly string[] }
  /** Mapped in the org (any identity), or a Switchboard admin: org diagnostics, no campaign change. */
  | { kind: "mapped-or-admin" }
  /** Decided per approval policy: the approver's permission is checked at click time (checkApprover). */
  | { kind: "policy" }
  /**
   * Whoever asked for the thing it acts on (a bulk job, a scheduled resume), checked in its run();
   * `others` says who else may: nobody, admins, or admins and callers holding the permission of the
   * action it would run (resume) in each campaign's division.
   */
  | { kind: "requester"; others: "none" | "admins" | "admins-or-permission" }
  /** Anyone, mapped or not: nothing here reads or changes a campaign. */
  | { kind: "open" };

const { view, stop, start, edit } = CAMPAIGN_PERMISSION;

export const PERMISSION_CATALOGUE = {
  list: { kind: "genesys", anyOf: [view] },
  status: { kind: "genesys", anyOf: [view] },
  why: { kind: "genesys", anyOf: [view] },
  audit: { kind: "genesys", anyOf: [view] },
  watch: { kind: "genesys", anyOf: [view] },
  unwatch: { kind: "genesys", anyOf: [view] },
  // Like unwatch: it only quiets what this channel watches.
  mute: { kind: "genesys", anyOf: [view] },
  // A channel's watches were chosen by people allowed to view them, and everyone in the channel gets
  // their alerts: listing them needs a mapping in the named org (or admin), like bulk status.
  watches: { kind: "mapped-or-admin" },
  // Pause falls back to a versioned PUT (edit) when the client lacks stop; the caller likewise.
  pause: { kind: "genesys", anyOf: [stop, edit] },
  resume: { kind: "genesys", anyOf: [start, edit] },
  approve: { kind: "policy" },
  deny: { kind: "policy" },
  // Lists only requests in orgs where the caller is mapped (or is an admin): see approvals-list.ts.
  approvals: { kind: "open" },
  // Shows one request to its requester, admins and people who may view every campaign it names.
  "approval show": { kind: "open" },
  "org test": { kind: "mapped-or-admin" },
  // A bulk job was authorized campaign by campaign when planned; these act on that plan, as its requester.
  confirm: { kind: "requester", others: "none" },
  cancel: { kind: "requester", others: "admins" },
  "bulk continue": { kind: "requester", others: "none" },
  // Shown to its requester, admins and callers mapped in one of the job's orgs (see load-job.ts).
  "bulk status": { kind: "mapped-or-admin" },
  "bulk plan": { kind: "mapped-or-admin" },
  // Lists only scheduled resumes in orgs where the caller is mapped (or is an admin), like approvals.
  "schedule list": { kind: "open" },
  "schedule cancel": { kind: "requester", others: "admins-or-permission" },
  help: { kind: "open" },
  whoami: { kind: "open" },
  explain: { kind: "open" },
  "org list": { kind: "open" },
} as const satisfies Record<string, Access>;

type Catalogue = typeof PERMISSION_CATALOGUE;

/** Commands guarded by a Genesys permission: what PermissionGate.check takes. */
export type GatedAction = {
  [K in keyof Catalogue]: Catalogue[K] extends { kind: "genesys" } ? K : never;
}[keyof Catalogue];

/** The permissions of which the caller must hold at least one for `action`. */
export function requirementFor(action: GatedAction): readonly string[] {
  return PERMISSION_CATALOGUE[action].anyOf;
}

/** The access rule of a command by name; undefined = not catalogued (deny). */
export function accessFor(command: string): Access | undefined {
  return Object.hasOwn(PERMISSION_CATALOGUE, command)
    ? PERMISSION_CATALOGUE[command as keyof Catalogue]
    : undefined;
}

export function isGatedAction(command: string): command is GatedAction {
  return accessFor(command)?.kind === "genesys";
}
