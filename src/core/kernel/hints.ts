/**
 * The operator commands Switchboard's replies tell people to type, written once. The Genesys client,
 * the stores and the use cases report what is wrong (an org, a region, an identity); these render
 * what to run about it, so a change to the `switchboard` CLI's syntax (src/cli/help.ts is its
 * grammar) is one edit here, not a search through every error message.
 */

interface OrgLinkFacts {
  slug?: string;
  region?: string;
  clientId?: string;
}

/** `switchboard org link acme --region us_east_1 --client-id <id> --client-secret-stdin`, what is known filled in. */
export function orgLinkCommand(facts: OrgLinkFacts = {}): string {
  return `switchboard org link ${facts.slug ?? "<slug>"} --region ${facts.region ?? "<region>"} --client-id ${facts.clientId ?? "<id>"} --client-secret-stdin`;
}

/** The way to map a chat identity in an org: by Genesys user (the default) or `--genesys-role "<role>"`. */
export function userMapCommand(identity: string, orgSlug = "<org>", how: "user" | "role" = "user"): string {
  return `switchboard user map ${identity} ${orgSlug} ${how === "role" ? '--genesys-role "<role>"' : "--genesys-user <email>"}`;
}

/** Undoing a mapping (automap's note of how to undo what it did). */
export function userUnmapCommand(identity: string, orgSlug: string): string {
  return `switchboard user unmap ${identity} ${orgSlug}`;
}

/*
 * The sentences around them for failures the Genesys client reports: it knows the facts (which
 * org, which region), the core says what to do.
 */

/** An org whose stored region is not one Genesys has. */
export function unknownRegionHint(slug: string, regions: readonly string[]): string {
  return `Re-link it with one of: ${regions.join(", ")} (${orgLinkCommand({ slug })})`;
}

/** An org whose credentials are missing or unusable. */
export function relinkHint(slug: string, region: string): string {
  return `Re-link it: ${orgLinkCommand({ slug, region })}`;
}

/** Credentials that log in to another Genesys org than the one linked. */
export function wrongOrgHint(slug: string, region: string): string {
  return `Re-link ${slug} with an OAuth client created in the right org: ${orgLinkCommand({ slug, region })}`;
}
