/**
 * Mapping many chat identities at once (`switchboard user import`): each row is checked the way
 * `user map` checks one (the org is linked, the Genesys user exists there), compared with what is
 * already mapped, and only then, when asked, applied through `mapChatIdentity`, which audits each change.
 */
import { isAppError } from "../kernel/errors.js";
import type { ChatIdentity } from "../kernel/model.js";
import { genesysIdentityLabel } from "../permissions/identity-grants.js";
import type { GenesysIdentity } from "../ports/identity-store.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { type MappingAuthor, mapChatIdentity, verifyGenesysTarget } from "./identity-mapping.js";

export interface ImportRow {
  /** 1-based line of the file where the row starts, for the report. */
  line: number;
  chatIdentity: ChatIdentity;
  orgSlug: string;
  /** The Genesys user's email or id, as written in the file. */
  genesysUser: string;
}

type ImportVerdict =
  | { kind: "map"; label: string; name: string; was: string | null }
  | { kind: "unchanged"; label: string }
  | { kind: "unknown_user"; reason: string }
  | { kind: "unknown_org"; reason: string }
  | { kind: "failed"; reason: string };

export interface ImportLine {
  row: ImportRow;
  verdict: ImportVerdict;
}

/** What importing these rows would change; nothing is written. */
export async function planIdentityImport(services: CoreServices, rows: ImportRow[]): Promise<ImportLine[]> {
  const orgs = new Map<string, LinkedOrg | null>();
  const lookups = new Map<string, Promise<{ identity: GenesysIdentity; name: string }>>();
  const out: ImportLine[] = [];
  for (const row of rows) {
    if (!orgs.has(row.orgSlug)) orgs.set(row.orgSlug, await services.orgs.get(row.orgSlug));
    const org = orgs.get(row.orgSlug);
    if (!org) {
      out.push({ row, verdict: { kind: "unknown_org", reason: `no linked org "${row.orgSlug}"` } });
      continue;
    }
    // One Genesys lookup per person and org, however many chat identities point at them.
    const key = `${org.slug}\u0000${row.genesysUser.toLowerCase()}`;
    let lookup = lookups.get(key);
    if (!lookup) {
      lookup = verifyGenesysTarget(services, org, { kind: "user", ref: row.genesysUser });
      lookups.set(key, lookup);
    }
    try {
      const found = await lookup;
      const label = genesysIdentityLabel(found.identity);
      const previous = await services.identities.get(row.chatIdentity, org.slug);
      const was = previous ? genesysIdentityLabel(previous.genesys) : null;
      const same =
        previous?.genesys.kind === "user" &&
        found.identity.kind === "user" &&
        previous.genesys.userId === found.identity.userId;
      out.push({
        row,
        verdict: same ? { kind: "unchanged", label } : { kind: "map", label, name: found.name, was },
      });
    } catch (e) {
      if (!isAppError(e)) throw e;
      const kind = e.code === "invalid_input" ? "unknown_user" : "failed";
      out.push({ row, verdict: { kind, reason: e.userMessage } });
    }
  }
  return out;
}

/** Applies the planned changes one by one (each audited as `user.map`); returns those that failed. */
export async function applyIdentityImport(
  services: CoreServices,
  plan: ImportLine[],
  author: MappingAuthor,
): Promise<Array<{ row: ImportRow; reason: string }>> {
  const failed: Array<{ row: ImportRow; reason: string }> = [];
  for (const { row, verdict } of plan) {
    if (verdict.kind !== "map") continue;
    const org = await services.orgs.get(row.orgSlug);
    if (!org) {
      failed.push({ row, reason: `no linked org "${row.orgSlug}"` });
      continue;
    }
    try {
      await mapChatIdentity(services, org, row.chatIdentity, { kind: "user", ref: row.genesysUser }, author);
    } catch (e) {
      if (!isAppError(e)) throw e;
      failed.push({ row, reason: e.userMessage });
    }
  }
  return failed;
}
