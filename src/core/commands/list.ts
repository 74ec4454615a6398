import { resolveOrg } from "../campaigns/resolve-org.js";
import { unseenDivisionsNote } from "../diagnosis/unseen-divisions.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { AppError } from "../kernel/errors.js";
import { percent } from "../kernel/format.js";
import type { Campaign } from "../kernel/model.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import { inScope } from "../permissions/gate-decision.js";
import { notPermitted } from "../permissions/not-permitted.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";

const STATUSES = ["on", "off", "stopping", "complete", "invalid", "forced_off", "forced_stopping"];

export const listCommand: CommandDefinition = {
  name: "list",
  access: PERMISSION_CATALOGUE.list,
  summary: "List an org's campaigns: name, status, dialing mode, division, progress",
  args: [
    { name: "org", kind: "org" },
    { name: "filter", optional: true, variadic: true },
  ],
  flags: {
    status: {
      type: "string",
      valueName: "STATUS",
      description: "only campaigns in this status (on, off, stopping, …)",
    },
    division: {
      type: "string",
      valueName: "DIVISION",
      description: "only campaigns in this division (name, any case)",
    },
    page: {
      type: "integer",
      valueName: "N",
      min: 1,
      max: 10_000,
      description: "which page of the list (50 a page)",
    },
  },
  examples: ["list acme", "list acme spring", "list acme --status on --division Sales", "list acme --page 2"],
  async run({ services, args, invocation }) {
    const [slug = "", ...rest] = args.positionals;
    const filter = rest.join(" ").trim();
    const status = typeof args.flags.status === "string" ? args.flags.status.trim().toLowerCase() : undefined;
    const division = typeof args.flags.division === "string" ? args.flags.division.trim() : undefined;
    const page = typeof args.flags.page === "number" ? args.flags.page : 1;
    if (status && !STATUSES.includes(status)) {
      throw new AppError("usage", `--status must be one of ${STATUSES.join(", ")}, not "${status}".`, {
        hint: `Try: list ${slug || "<org>"} --status on`,
      });
    }
    const org = await resolveOrg(services.orgs, slug);
    const client = await services.genesys.forOrg(org);
    const access = await services.gate.divisionsAllowed(invocation.actor.id, org, client, "list");
    if (!access.allowed) throw notPermitted(access);
    // What the OAuth client cannot see is missing from Genesys's answer itself: say so, with the fix.
    // Asked beside the list: its reads need not wait for the list's pages. It reports its own
    // failures in the note; the catch only keeps an unexpected one from going unhandled.
    const unseenNote = unseenDivisionsNote(org, client, "are not listed").catch(() => null);
    const seen = await client.listAllCampaigns(filter ? { name: filter, filterType: "Contains" } : {});
    // The OAuth client sees more than the caller may: show only the caller's divisions.
    const viewable = seen.filter((c) => inScope(access.divisions, c.division.id));
    const hidden = seen.length - viewable.length;
    const campaigns = viewable.filter(
      (c) =>
        (!status || c.status.toLowerCase() === status) &&
        (!division || c.division.name.toLowerCase() === division.toLowerCase()),
    );
    const criteria = describeCriteria(filter, status, division);
    const unseen = await unseenNote;
    const unseenBlocks = unseen ? [{ type: "text" as const, text: unseen, tone: "warning" as const }] : [];
    const hiddenNote = hidden
      ? `${hidden} campaign${hidden === 1 ? " is" : "s are"} hidden: ${hidden === 1 ? "it is" : "they are"} in divisions where you lack outbound:campaign:view.`
      : undefined;
    if (campaigns.length === 0 && viewable.length > 0 && (status || division)) {
      const divisions = [...new Set(viewable.map((c) => c.division.name))].sort();
      return reply({
        blocks: [
          { type: "text", text: `No campaigns you may view in ${org.slug} are ${criteria}.` },
          { type: "text", text: `Divisions with campaigns you may view: ${divisions.join(", ")}.` },
          { type: "hint", text: "List them all:", command: `list ${org.slug}` },
        ],
      });
    }
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
    const size = services.settings.listLimit;
    const pages = Math.max(1, Math.ceil(sorted.length / size));
    if (page > pages) {
      return reply({
        ok: false,
        tone: "error",
        blocks: [
          {
            type: "text",
            tone: "error",
            text: `There is no page ${page}: the list has ${pages} page${pages === 1 ? "" : "s"}.`,
          },
          {
            type: "hint",
            text: "The last page:",
            command: listCommandLine(org.slug, filter, status, division, pages),
          },
        ],
      });
    }
    const first = (page - 1) * size;
    const shown = sorted.slice(first, first + size);
    const progress = await progressOf(client, shown);
    const rows = shown.map((c) => [
      c.name,
      c.status,
      c.dialingMode,
      c.division.name,
      percent(progress.get(c.id)),
    ]);
    const more = sorted.length - (first + shown.length);
    const paging =
      pages > 1
        ? `Showing ${first + 1}–${first + shown.length} of ${sorted.length} (page ${page} of ${pages}).`
        : undefined;
    return reply({
      title: `${org.slug}: ${campaigns.length} campaign${campaigns.length === 1 ? "" : "s"}${criteria ? ` ${criteria}` : ""}`,
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
          footer: paging,
        },
        ...(hiddenNote ? [{ type: "text" as const, text: hiddenNote }] : []),
        ...(more > 0
          ? [
              {
                type: "hint" as const,
                text: `${more} more. Next page:`,
                command: listCommandLine(org.slug, filter, status, division, page + 1),
              },
              // Chat surfaces turn this into a button that runs the same command as the clicker.
              {
                type: "actions" as const,
                actions: [
                  {
                    id: "list",
                    label: "Next page",
                    value: listCommandLine(org.slug, filter, status, division, page + 1),
                  },
                ],
              },
            ]
          : []),
        ...unseenBlocks,
      ],
    });
  },
};

/** Progress for a page of campaigns, a few requests at a time; a failure shows as "–", not an error. */
async function progressOf(client: GenesysOrgClient, campaigns: Campaign[]): Promise<Map<string, number>> {
  // One request for the page (at most listLimit campaigns), not one per campaign.
  const progress = await client.getProgressOf(campaigns.map((c) => c.id)).catch(() => []);
  // Progress is decoration: a campaign without it still lists, its cell left blank.
  return new Map(progress.map((p) => [p.campaignId, p.percentage]));
}

/** `matching "spring", status on, division Sales` */
function describeCriteria(filter: string, status?: string, division?: string): string {
  const parts: string[] = [];
  if (filter) parts.push(`matching "${filter}"`);
  if (status) parts.push(`with status ${status}`);
  if (division) parts.push(`in division ${division}`);
  return parts.join(", ");
}

/** The command that shows another page of the same list, quoted so it can be pasted back. */
function listCommandLine(
  slug: string,
  filter: string,
  status: string | undefined,
  division: string | undefined,
  page: number,
): string {
  const quote = (v: string) => (/[\s"]/.test(v) ? `"${v.replaceAll('"', "")}"` : v);
  const parts = ["list", slug];
  if (filter) parts.push(quote(filter));
  if (status) parts.push("--status", quote(status));
  if (division) parts.push("--division", quote(division));
  parts.push("--page", String(page));
  return parts.join(" ");
}
