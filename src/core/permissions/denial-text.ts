/**
 * What a refused caller reads: why, and who can fix it (a Genesys admin grants a permission, a
 * Switchboard admin maps an identity). Every message names the permission and division involved.
 */
import { userMapCommand } from "../kernel/hints.js";
import type { ChatIdentity, DivisionRef } from "../kernel/model.js";
import type { GenesysIdentity } from "../ports/identity-store.js";
import type { LinkedOrg } from "../ports/org-store.js";

export interface DenialContext {
  actor: ChatIdentity;
  org: LinkedOrg;
  /** What the caller tried, as a verb phrase: "pause campaigns". */
  doing: string;
  anyOf: readonly string[];
  division?: DivisionRef;
}

export interface DenialText {
  message: string;
  hint: string;
}

const mapCommand = (c: DenialContext, how: "user" | "role" = "user") =>
  userMapCommand(c.actor, c.org.slug, how);

/** "a", "a or b", "a, b or c" */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "a permission";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** "X" or "X (or Y)": what to ask for, the first option preferred. */
function askFor(anyOf: readonly string[]): string {
  const [first = "the permission", ...rest] = anyOf;
  return rest.length ? `${first} (or ${rest.join(" or ")})` : first;
}

function describe(identity: GenesysIdentity): string {
  return identity.kind === "user"
    ? `user ${identity.email ?? identity.userId}`
    : `role "${identity.roleName}"`;
}

export function unmappedText(c: DenialContext): DenialText {
  return {
    message: `You (${c.actor}) are not mapped to a Genesys user or role in ${c.org.slug}, so Switchboard cannot check whether you may ${c.doing} there.`,
    hint: `Ask a Switchboard admin to map you: ${mapCommand(c)}`,
  };
}

export function missingPermissionText(c: DenialContext, identity: GenesysIdentity): DenialText {
  const where = c.division ? `in division ${c.division.name} of ${c.org.slug}` : `in ${c.org.slug}`;
  const perms = orList(c.anyOf);
  if (identity.kind === "role") {
    return {
      message: `You may not ${c.doing} ${where}: your Genesys role "${identity.roleName}" does not include ${perms}.`,
      hint: `Ask a Genesys admin to add ${askFor(c.anyOf)} to role "${identity.roleName}" (a mapped role counts in every division), or a Switchboard admin to map you to a role that has it: ${mapCommand(c, "role")}`,
    };
  }
  const who = describe(identity);
  return c.division
    ? {
        message: `You may not ${c.doing} ${where}: your Genesys ${who} does not hold ${perms} in division ${c.division.name}.`,
        hint: `Ask a Genesys admin to grant ${askFor(c.anyOf)} to ${who} in division ${c.division.name}.`,
      }
    : {
        message: `You may not ${c.doing} ${where}: your Genesys ${who} holds ${perms} in no division.`,
        hint: `Ask a Genesys admin to grant ${askFor(c.anyOf)} to ${who} in the divisions you work in.`,
      };
}

export function cannotVerifyText(c: DenialContext, clientPermission: string): DenialText {
  const what = clientPermission === "authorization:grant:view" ? "users' grants" : "roles";
  return {
    message: `Switchboard cannot verify your Genesys permissions in ${c.org.slug}: its OAuth client may not read ${what} (it lacks ${clientPermission}), so it will not ${c.doing} for you.`,
    hint: `Ask a Genesys admin to grant ${clientPermission} to the role of ${c.org.slug}'s OAuth client (${c.org.clientId}) so Switchboard can check.`,
  };
}

export function identityGoneText(c: DenialContext, identity: GenesysIdentity): DenialText {
  const who = describe(identity);
  return {
    message: `You are mapped to Genesys ${who} in ${c.org.slug}, but that ${identity.kind} no longer exists in Genesys, so Switchboard will not ${c.doing} for you.`,
    hint: `Ask a Switchboard admin to map you again: ${mapCommand(c, identity.kind === "role" ? "role" : "user")}`,
  };
}
