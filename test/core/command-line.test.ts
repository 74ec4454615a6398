import type { Activity } from "botbuilder";
import { describe, expect, it } from "vitest";
import { commandText } from "../../src/adapters/teams/invocation.js";
import { builtinCommands } from "../../src/core/commands/index.js";
import { type CommandLine, CommandParser } from "../../src/core/dispatch/command-line.js";

const parser = new CommandParser(builtinCommands());

/** The command's name and positionals, or the error's code: what every surface acts on. */
function read(line: CommandLine): string {
  if (!line.ok) return `error ${line.error.code}`;
  return [line.command.name, ...line.args.positionals].join(" | ");
}

describe("the command-line parser every surface shares", () => {
  it("drops the chat prefix in each form Slack and Teams send it", () => {
    for (const text of [
      'pause acme "Spring Promo"',
      'campaign pause acme "Spring Promo"',
      '/campaign pause acme "Spring Promo"',
      'Campaign pause acme "Spring Promo"',
      '  /CAMPAIGN   pause acme "Spring Promo"',
    ]) {
      expect(read(parser.parse(text)), text).toBe("pause | acme | Spring Promo");
    }
  });

  it("keeps a quoted prefix: the user meant the word", () => {
    const line = parser.parse('"campaign" list');
    expect(line.ok).toBe(false);
    expect(line.ok ? "" : line.error.userMessage).toContain('"campaign" is not a Switchboard command');
  });

  it("reads a Teams channel message the same once its @mention is gone", () => {
    const activity = {
      type: "message",
      text: "<at>Switchboard</at> /campaign approve K7Q2MX",
      recipient: { id: "28:bot" },
      entities: [{ type: "mention", mentioned: { id: "28:bot" }, text: "<at>Switchboard</at>" }],
    } as unknown as Activity;
    expect(read(parser.parse(commandText(activity)))).toBe("approve | K7Q2MX");
  });

  it("finds two-word commands and parses flags after the prefix", () => {
    const line = parser.parse("campaign org test acme");
    expect(read(line)).toBe("org test | acme");
    const deny = parser.parse('/campaign deny K7Q2MX --reason "x"');
    expect(read(deny)).toBe("error usage");
    expect(deny.command?.name).toBe("deny");
  });

  it("names the command when only its arguments are wrong, and nothing when the word is unknown", () => {
    const missing = parser.parse("campaign status");
    expect(read(missing)).toBe("error usage");
    expect(missing.command?.name).toBe("status");
    expect(missing.args?.positionals).toEqual([]);
    const unknown = parser.parse("campaign pasue acme");
    expect(read(unknown)).toBe("error unknown_command");
    expect(unknown.command).toBeUndefined();
  });

  it("is help for an empty line or a bare prefix", () => {
    expect(read(parser.parse(""))).toBe("help");
    expect(read(parser.parse("/campaign"))).toBe("help");
  });

  it("reads a paste after the prefix as words, not quoting", () => {
    const line = parser.parse('campaign explain "unbalanced --flag');
    expect(read(line)).toBe('explain | "unbalanced | --flag');
  });
});
