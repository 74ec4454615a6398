/**
 * Who may see an org's live diagnostics (its OAuth client's grants, its credential problems): the
 * catalogue's `mapped-or-admin` rule, shared by `org test`, `why` on a broken org and `explain`.
 */
import { refused } from "../kernel/errors.js";
import { userMapCommand } from "../kernel/hints.js";
import type { ChatIdentity } from "../kernel/model.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

export async function mayDiagnose(
  services: Pick<CoreServices, "isAdmin" | "identities">,
  actor: ChatIdentity,
  org: LinkedOrg,
): Promise<boolean> {
  return services.isAdmin(actor) || (await services.identities.get(actor, org.slug)) !== null;
}

export async function requireDiagnose(
  services: Pick<CoreServices, "isAdmin" | "identities">,
  actor: ChatIdentity,
  org: LinkedOrg,
  command: string,
): Promise<void> {
  if (await mayDiagnose(services, actor, org)) return;
  throw refused(
    `${command} ${org.slug} is for Switchboard admins and people mapped in ${org.slug}; you (${actor}) are neither.`,
    {
      hint: `Ask a Switchboard admin to map you: ${userMapCommand(actor, org.slug)}`,
    },
  );
}
