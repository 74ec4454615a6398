import type { CommandDefinition } from "../dispatch/command.js";
import { approvalShowCommand, approvalsCommand } from "./approvals-list.js";
import { approveCommand, denyCommand } from "./approve.js";
import { auditCommand } from "./audit.js";
import { bulkContinueCommand, bulkPlanCommand, bulkStatusCommand } from "./bulk.js";
import { cancelCommand, confirmCommand } from "./confirm.js";
import { explainCommand } from "./explain.js";
import { helpCommand } from "./help.js";
import { listCommand } from "./list.js";
import { muteCommand } from "./mute.js";
import { orgListCommand } from "./org-list.js";
import { orgTestCommand } from "./org-test.js";
import { scheduleCancelCommand, scheduleListCommand } from "./schedule.js";
import { statusCommand } from "./status.js";
import { switchCommand } from "./switch-command.js";
import { unwatchCommand, watchCommand, watchesCommand } from "./watch.js";
import { whoamiCommand } from "./whoami.js";
import { whyCommand } from "./why.js";

/** Every chat command, in the order `help` shows them. */
export function builtinCommands(): CommandDefinition[] {
  const commands: CommandDefinition[] = [];
  commands.push(
    helpCommand(() => commands),
    listCommand,
    statusCommand,
    switchCommand("pause"),
    switchCommand("resume"),
    confirmCommand,
    cancelCommand,
    bulkStatusCommand,
    bulkPlanCommand,
    bulkContinueCommand,
    scheduleListCommand,
    scheduleCancelCommand,
    whyCommand,
    watchCommand,
    unwatchCommand,
    watchesCommand,
    muteCommand,
    explainCommand,
    approveCommand,
    denyCommand,
    approvalShowCommand,
    approvalsCommand,
    auditCommand,
    whoamiCommand,
    orgListCommand,
    orgTestCommand,
  );
  return commands;
}
