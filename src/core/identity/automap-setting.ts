/**
 * `org automap <org> on|off`: the per-org opt-in to map unmapped chat users by verified email. An
 * admin decision about who gets access, so it is audited like a mapping.
 */
import { AppError } from "../kernel/errors.js";
import { orgLinkCommand } from "../kernel/hints.js";
import type { CoreServices } from "../services.js";
import type { MappingAuthor } from "./identity-mapping.js";

export async function setOrgAutomap(
  services: Pick<CoreServices, "orgs" | "audit">,
  slug: string,
  on: boolean,
  author: MappingAuthor,
): Promise<{ changed: boolean }> {
  const org = await services.orgs.get(slug);
  if (!org) {
    const linked = (await services.orgs.list()).map((o) => o.slug);
    throw new AppError("invalid_input", `No org called ${slug} is linked.`, {
      hint: linked.length ? `Linked orgs: ${linked.join(", ")}` : `Link one first: ${orgLinkCommand()}`,
    });
  }
  const changed = org.automap !== on;
  if (changed) await services.orgs.setAutomap(slug, on);
  await services.audit.append({
    ...author,
    orgSlug: slug,
    action: "org.automap",
    targetName: on ? "on" : "off",
    outcome: "success",
    detail: { previous: org.automap ? "on" : "off", automap: on ? "on" : "off" },
  });
  return { changed };
}
