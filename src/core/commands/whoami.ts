import type { CommandDefinition } from "../dispatch/command.js";
import { userMapCommand } from "../kernel/hints.js";
import { type Block, reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import { describeAccess } from "../permissions/describe-access.js";
import type { GenesysIdentity } from "../ports/identity-store.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

function describeGenesysIdentity(g: GenesysIdentity): string {
  return g.kind === "user" ? `Genesys user ${g.email ?? g.userId}` : `Genesys role "${g.roleName}"`;
}

export const whoamiCommand: CommandDefinition = {
  name: "whoami",
  access: PERMISSION_CATALOGUE.whoami,
  summary: "Show your chat identity, the Genesys identity it maps to in each org, and what it may do there",
  args: [],
  examples: ["whoami"],
  async run({ services, invocation }) {
    const actor = invocation.actor.id;
    const [orgs, mappings] = await Promise.all([
      services.orgs.list(),
      services.identities.forIdentity(actor),
    ]);
    const bySlug = new Map(mappings.map((m) => [m.orgSlug, m]));
    const perOrg = await Promise.all(
      orgs.map(async (o) => {
        const m = bySlug.get(o.slug);
        if (!m) return { row: [o.slug, "not mapped", "none"] };
        const access = await permissionsIn(services, actor, o);
        return { row: [o.slug, describeGenesysIdentity(m.genesys), access.cell], note: access.note };
      }),
    );
    const rows = perOrg.map((p) => p.row);
    // A cell cannot say who should fix an unverifiable mapping; a line under the table can.
    const notes: Block[] = perOrg.flatMap((p) => (p.note ? [{ type: "text" as const, text: p.note }] : []));
    return reply({
      title: `You are ${invocation.actor.displayName} (${actor})`,
      blocks: [
        {
          type: "fields",
          fields: [
            { label: "Platform", value: invocation.platform },
            { label: "Admin", value: services.isAdmin(actor) ? "yes" : "no" },
          ],
        },
        rows.length
          ? {
              type: "table",
              columns: [{ header: "Org" }, { header: "Acts as" }, { header: "Campaign permissions" }],
              rows,
            }
          : { type: "text", text: "No orgs are linked yet." },
        ...notes,
        ...(mappings.length === 0 && rows.length
          ? [
              {
                type: "hint" as const,
                text: "You are not mapped to any Genesys identity yet; an admin can map you with:",
                command: userMapCommand(actor),
              },
            ]
          : []),
      ],
    });
  },
};

/** One org's effective permissions; a broken org or Genesys outage shows in the cell, not as a failure. */
async function permissionsIn(
  services: CoreServices,
  actor: string,
  org: LinkedOrg,
): Promise<{ cell: string; note?: string }> {
  try {
    const client = await services.genesys.forOrg(org);
    const access = await services.gate.effective(actor, org, client);
    return {
      cell: describeAccess(access),
      ...(access.allowed ? {} : { note: `${org.slug}: ${access.message} ${access.hint}` }),
    };
  } catch (e) {
    services.logger.warn({ org: org.slug, err: String(e) }, "whoami: permissions not read");
    return { cell: "unknown: Genesys did not answer" };
  }
}
