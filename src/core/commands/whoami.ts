import type { CommandDefinition } from "../command.js";
import type { GenesysIdentity } from "../ports.js";
import { reply } from "../reply.js";

export function describeGenesysIdentity(g: GenesysIdentity): string {
  return g.kind === "user" ? `Genesys user ${g.email ?? g.userId}` : `Genesys role "${g.roleName}"`;
}

export const whoamiCommand: CommandDefinition = {
  name: "whoami",
  summary: "Show your chat identity and the Genesys identity it maps to in each org",
  args: [],
  examples: ["whoami"],
  async run({ services, invocation }) {
    const [orgs, mappings] = await Promise.all([
      services.orgs.list(),
      services.identities.forIdentity(invocation.actor.id),
    ]);
    const bySlug = new Map(mappings.map((m) => [m.orgSlug, m]));
    const rows = orgs.map((o) => {
      const m = bySlug.get(o.slug);
      return [o.slug, m ? describeGenesysIdentity(m.genesys) : "not mapped"];
    });
    return reply({
      title: `You are ${invocation.actor.displayName} (${invocation.actor.id})`,
      blocks: [
        {
          type: "fields",
          fields: [
            { label: "Platform", value: invocation.platform },
            { label: "Admin", value: services.isAdmin(invocation.actor.id) ? "yes" : "no" },
          ],
        },
        rows.length
          ? { type: "table", columns: [{ header: "Org" }, { header: "Acts as" }], rows }
          : { type: "text", text: "No orgs are linked yet." },
        ...(mappings.length === 0 && rows.length
          ? [
              {
                type: "hint" as const,
                text: "You are not mapped to any Genesys identity yet; an admin can map you with:",
                command: `switchboard user map ${invocation.actor.id} <org> --genesys-user <email>`,
              },
            ]
          : []),
      ],
    });
  },
};
