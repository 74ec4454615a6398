import type { CommandDefinition } from "../command.js";
import { unseenDivisionsNote } from "../diagnosis/unseen-divisions.js";
import { percent } from "../format.js";
import type { Campaign } from "../model.js";
import { resolveOrg } from "../org-resolver.js";
import { inScope } from "../permissions/gate-decision.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { GenesysOrgClient } from "../ports.js";
import { reply } from "../reply.js";

export const listCommand: CommandDefinition = {
  name: "list",
  summary: "List an org's campaigns: name, status, dialing mode, division, progress",
  args: [{ name: "org" }, { name: "filter", optional: true, variadic: true }],
  examples: ["list acme", "list acme spring"],
  async run({ services, args, invocation }) {
    const [slug = "", ...rest] = args.positionals;
    const filter = rest.join(" ").trim();
    const org = await resolveOrg(services.orgs, slug);
    const client = await services.genesys.forOrg(org);
    const access = await services.gate.divisionsAllowed(invocation.actor.id, org, client, "list");
    if (!access.allowed) throw notPermitted(access);
    const seen = await client.listAllCampaigns(filter ? { name: filter, filterType: "Contains" } : {});
    // The OAuth client sees more than the caller may: show only the caller's divisions.
    const campaigns = seen.filter((c) => inScope(access.divisions, c.division.id));
    const hidden = seen.length - campaigns.length;
    // What the OAuth client cannot see is missing from Genesys's answer itself: say so, with the fix.
    const unseen = await unseenDivisionsNote(org, client, "are not listed");
    const unseenBlocks = unseen ? [{ type: "text" as const, text: unseen, tone: "warning" as const }] : [];
    const hiddenNote = hidden
      ? `${hidden} campaign${hidden === 1 ? " is" : "s are"} hidden: ${hidden === 1 ? "it is" : "they are"} in divisions where you lack outbound:campaign:view.`
      : undefined;
    if (campaigns.length === 0 && hiddenNote) {
      return reply({
        blocks: [
          {
            type: "text",
            text: `No campaigns you may view in ${org.slug}${filter ? ` match "${filter}"` : ""}.`,
          },
          { type: "text", text: hiddenNote },
          { type: "hint", text: "See where you hold which permission:", command: "whoami" },
          ...unseenBlocks,
        ],
      });
    }
    if (campaigns.length === 0) {
      return reply({
        blocks: [
          {
            type: "text",
            text: filter
              ? `No campaigns in ${org.slug} match "${filter}".`
              : `${org.slug}'s OAuth client sees no campaigns.`,
          },
          filter
            ? { type: "hint", text: "List them all:", command: `list ${org.slug}` }
            : {
                type: "hint",
                text: "If campaigns exist, the client's role may not be granted in their divisions. Check:",
                command: `org test ${org.slug}`,
              },
          ...unseenBlocks,
        ],
      });
    }
    const sorted = [...campaigns].sort((a, b) => a.name.localeCompare(b.name));
    const shown = sorted.slice(0, services.settings.listLimit);
    const progress = await progressOf(client, shown);
    const rows = shown.map((c) => [
      c.name,
      c.status,
      c.dialingMode,
      c.division.name,
      percent(progress.get(c.id)),
    ]);
    const more = sorted.length - shown.length;
    return reply({
      title: `${org.slug}: ${campaigns.length} campaign${campaigns.length === 1 ? "" : "s"}${filter ? ` matching "${filter}"` : ""}`,
      blocks: [
        {
          type: "table",
          columns: [
            { header: "Campaign" },
            { header: "Status", kind: "status" },
            { header: "Mode" },
            { header: "Division" },
            { header: "Progress", align: "right" },
          ],
          rows,
          footer: more > 0 ? `…and ${more} more. Narrow the list: list ${org.slug} <filter>` : undefined,
        },
        ...(hiddenNote ? [{ type: "text" as const, text: hiddenNote }] : []),
        ...unseenBlocks,
      ],
    });
  },
};

/** Progress for a page of campaigns, a few requests at a time; a failure shows as "–", not an error. */
async function progressOf(client: GenesysOrgClient, campaigns: Campaign[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const queue = [...campaigns];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        out.set(c.id, (await client.getProgress(c.id)).percentage);
      } catch {
        // Progress is decoration: the list is still right without it.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, campaigns.length) }, worker));
  return out;
}
