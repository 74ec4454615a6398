import { AppError } from "../kernel/errors.js";
import { orgLinkCommand } from "../kernel/hints.js";
import { closestMatches } from "../kernel/text-match.js";
import type { LinkedOrg, OrgStore } from "../ports/org-store.js";

/** The linked org a command names, or a usage-quality error listing what is linked. */
export async function resolveOrg(
  orgs: OrgStore,
  slug: string,
  options: { allowBroken?: boolean } = {},
): Promise<LinkedOrg> {
  const wanted = slug.trim().toLowerCase();
  const org = await orgs.get(wanted);
  if (org) {
    // A broken org (credentials of another org, revoked client) is refused until `org test` passes again:
    // acting on it could touch the wrong org or fail noisily on every command.
    if (org.health === "broken" && !options.allowBroken) {
      throw new AppError(
        "org_broken",
        `Org ${org.slug} is marked broken: ${org.healthReason ?? "its last check failed"}.`,
        {
          hint: `Check it with: org test ${org.slug} — or re-link it: ${orgLinkCommand({ slug: org.slug, region: org.region })}`,
        },
      );
    }
    return org;
  }
  const all = await orgs.list();
  const slugs = all.map((o) => o.slug);
  const guess = closestMatches(wanted, slugs, 1)[0];
  if (slugs.length === 0) {
    throw new AppError("unknown_org", `No org called "${slug}" is linked, and no orgs are linked yet.`, {
      hint: `An admin links one with: ${orgLinkCommand()}`,
    });
  }
  throw new AppError("unknown_org", `No org called "${slug}" is linked.`, {
    hint: guess
      ? `Did you mean ${guess}? Linked orgs: ${slugs.join(", ")}`
      : `Linked orgs: ${slugs.join(", ")} (see: org list)`,
  });
}
