import type { CommandDefinition } from "../command.js";
import { helpCommand } from "./help.js";
import { listCommand } from "./list.js";
import { orgListCommand } from "./org-list.js";
import { orgTestCommand } from "./org-test.js";
import { statusCommand } from "./status.js";
import { switchCommand } from "./switch-command.js";
import { whoamiCommand } from "./whoami.js";

/** Every chat command, in the order `help` shows them. */
export function builtinCommands(): CommandDefinition[] {
  const commands: CommandDefinition[] = [];
  commands.push(
    helpCommand(() => commands),
    listCommand,
    statusCommand,
    switchCommand("pause"),
    switchCommand("resume"),
    whoamiCommand,
    orgListCommand,
    orgTestCommand,
  );
  return commands;
}
