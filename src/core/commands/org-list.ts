import type { CommandDefinition } from "../dispatch/command.js";
import { ago } from "../kernel/format.js";
import { orgLinkCommand } from "../kernel/hints.js";
import { reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";

export const orgListCommand: CommandDefinition = {
  name: "org list",
  access: PERMISSION_CATALOGUE["org list"],
  summary: "List linked Genesys Cloud orgs and their health",
  args: [],
  examples: ["org list"],
  async run({ services }) {
    const orgs = await services.orgs.list();
    if (orgs.length === 0) {
      return reply({
        blocks: [
          { type: "text", text: "No orgs are linked yet." },
          {
            type: "hint",
            text: "An admin links one with:",
            command: orgLinkCommand(),
          },
        ],
      });
    }
    const now = services.clock.now();
    const rows = orgs.map((o) => [
      o.slug,
      o.name,
      o.region,
      o.genesysOrgId,
      o.health === "broken" ? `broken: ${o.healthReason ?? "see org test"}` : o.health,
      o.healthCheckedAt ? ago(o.healthCheckedAt, now) : "never",
      o.automap ? "on" : "off",
    ]);
    return reply({
      title: `${orgs.length} linked org${orgs.length === 1 ? "" : "s"}`,
      blocks: [
        {
          type: "table",
          columns: [
            { header: "Org" },
            { header: "Name" },
            { header: "Region" },
            { header: "Genesys org id" },
            { header: "Health" },
            { header: "Checked" },
            { header: "Automap" },
          ],
          rows,
        },
      ],
    });
  },
};
