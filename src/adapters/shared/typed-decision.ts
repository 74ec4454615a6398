import type { CommandParser } from "../../core/dispatch/command-line.js";

/**
 * The request id of a typed `approve <id>` / `deny <id> …`, read by the parser that ran it: after
 * such a command the chat surface also updates the request's own message.
 */
export function typedDecision(parser: CommandParser, text: string): string | undefined {
  const line = parser.parse(text);
  const verb = line.command?.name;
  return verb === "approve" || verb === "deny" ? line.args?.positionals[0] : undefined;
}
