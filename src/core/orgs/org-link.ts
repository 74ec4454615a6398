/**
 * Linking an org, the same from every surface (the CLI with the secret on stdin, a Slack form): check
 * the input, ask Genesys whose credentials these are, store the link (the store seals the secret),
 * mark it healthy, drop any cached client built from an older link, and audit it. The secret never
 * reaches a result, an error or an audit row.
 */
import { isGenesysError } from "../kernel/genesys-error.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

/** Lowercase letters, digits and dashes, up to 32: what commands type as `<org>`. */
export const ORG_SLUG = /^[a-z0-9][a-z0-9-]{0,31}$/;

export interface LinkOrgRequest {
  slug: string;
  region: string;
  clientId: string;
  clientSecret: string;
  /** Display name; default: the name Genesys reports for the org. */
  name?: string;
}

/** Who links, for the audit row. */
export interface LinkActor {
  id: string;
  platform: string;
  channel: string;
}

export type LinkInputField = "slug" | "region" | "clientId" | "clientSecret";

export type LinkOrgResult =
  | { ok: true; org: LinkedOrg; organization: { id: string; name: string } }
  /** Nothing was linked: Genesys refused the credentials (or could not be asked). */
  | { ok: false; message: string; hint: string };

/** What is wrong with the input, per field (empty when it may be linked). Never echoes the secret. */
export function checkLinkInput(
  services: Pick<CoreServices, "genesys">,
  input: Partial<LinkOrgRequest>,
): { field: LinkInputField; message: string }[] {
  const problems: { field: LinkInputField; message: string }[] = [];
  if (!ORG_SLUG.test(input.slug ?? ""))
    problems.push({ field: "slug", message: "Lowercase letters, digits and dashes, up to 32 (e.g. acme)." });
  const regions = services.genesys.regions().map((r) => r.key);
  if (!regions.includes(input.region ?? ""))
    problems.push({ field: "region", message: `Not a Genesys Cloud region; one of ${regions.join(", ")}.` });
  if (!input.clientId?.trim())
    problems.push({ field: "clientId", message: "The OAuth client id is required." });
  if (!input.clientSecret)
    problems.push({ field: "clientSecret", message: "The client secret is required." });
  return problems;
}

export async function linkOrg(
  services: CoreServices,
  input: LinkOrgRequest,
  actor: LinkActor,
): Promise<LinkOrgResult> {
  const { slug, region } = input;
  const clientId = input.clientId.trim();
  const audit = (outcome: "success" | "failure", detail: Record<string, unknown>) =>
    services.audit.append({
      actor: actor.id,
      platform: actor.platform,
      channel: actor.channel,
      orgSlug: slug,
      action: "org link",
      outcome,
      detail: { region, clientId, ...detail },
    });
  let me: Awaited<ReturnType<CoreServices["genesys"]["probeCredentials"]>>;
  try {
    me = await services.genesys.probeCredentials(
      region,
      { clientId, clientSecret: input.clientSecret },
      slug,
    );
  } catch (e) {
    if (!isGenesysError(e)) throw e;
    await audit("failure", { error: `${e.status} ${e.code}` });
    const said = `${e.status} ${e.code}${e.message ? ` — ${e.message}` : ""}`;
    if (e.status === 0 || e.status >= 500) {
      return {
        ok: false,
        message: `Genesys did not answer in ${region} (${said}); the credentials could not be checked.`,
        hint: "Try again shortly.",
      };
    }
    return {
      ok: false,
      message: `Genesys refused the credentials in ${region}: ${said}.`,
      hint: `Check the client id and secret, that the client uses the Client Credentials grant and is active, and that ${region} is the org's region.`,
    };
  }
  const org = await services.orgs.upsert({
    slug,
    genesysOrgId: me.organization.id,
    name: input.name?.trim() || me.organization.name,
    region,
    clientId,
    clientSecret: input.clientSecret,
  });
  await services.orgs.setHealth(slug, "ok", null);
  // A relink must never keep serving a client (and token) built from the old credentials.
  services.genesys.evict(slug);
  await audit("success", { genesysOrgId: me.organization.id });
  return { ok: true, org, organization: { id: me.organization.id, name: me.organization.name } };
}
