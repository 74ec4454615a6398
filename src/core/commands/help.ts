import { type CommandDefinition, usageOf } from "../dispatch/command.js";
import { AppError } from "../kernel/errors.js";
import { type Block, reply } from "../kernel/reply.js";
import { closestMatches } from "../kernel/text-match.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";

/** `help` needs the registry it describes, so it is built from it. */
export function helpCommand(registry: () => CommandDefinition[]): CommandDefinition {
  return {
    name: "help",
    access: PERMISSION_CATALOGUE.help,
    summary: "Show the commands, or one command's usage and examples",
    args: [{ name: "command", optional: true, variadic: true }],
    examples: ["help", "help pause"],
    async run({ args }) {
      const commands = registry();
      const topic = args.positionals.join(" ").trim().toLowerCase();
      if (!topic) {
        return reply({
          title: "Switchboard: pause and resume Genesys Cloud outbound campaigns",
          blocks: [
            {
              type: "table",
              columns: [{ header: "Command" }, { header: "What it does" }],
              rows: commands.map((c) => [usageOf(c), c.summary]),
            },
            {
              type: "text",
              text: 'Quote names with spaces: pause acme "Spring Promo". Names may be shortened when unique.',
            },
            { type: "hint", text: "More on one command:", command: "help pause" },
          ],
        });
      }
      const cmd =
        commands.find((c) => c.name === topic) ?? commands.find((c) => c.name.startsWith(`${topic} `));
      if (!cmd) {
        const guess = closestMatches(
          topic,
          commands.map((c) => c.name),
          1,
        )[0];
        throw new AppError("unknown_command", `There is no command called "${topic}".`, {
          hint: guess ? `Did you mean: help ${guess}` : "See them all with: help",
        });
      }
      const related = commands.filter((c) => c.name.startsWith(`${topic} `) && c !== cmd);
      const blocks: Block[] = [
        { type: "text", text: cmd.summary },
        { type: "fields", fields: [{ label: "Usage", value: usageOf(cmd) }] },
      ];
      const flags = Object.entries(cmd.flags ?? {});
      if (flags.length) {
        blocks.push({
          type: "table",
          columns: [{ header: "Option" }, { header: "Meaning" }],
          rows: flags.map(([name, spec]) => [
            spec.type === "boolean" ? `--${name}` : `--${name} ${spec.valueName ?? "VALUE"}`,
            spec.description,
          ]),
        });
      }
      blocks.push({ type: "text", text: `Examples:\n${cmd.examples.map((e) => `  ${e}`).join("\n")}` });
      for (const note of cmd.notes ?? []) blocks.push({ type: "text", text: note });
      if (related.length)
        blocks.push({ type: "text", text: `Also: ${related.map((c) => c.name).join(", ")}` });
      return reply({ title: `help ${cmd.name}`, blocks });
    },
  };
}
