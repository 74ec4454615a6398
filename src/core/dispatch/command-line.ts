/**
 * The one reading of a typed command line: the chat prefix dropped, the words split by the quoting
 * rules, the command found, its arguments parsed and counted. The dispatcher (run and validate),
 * completion and every chat adapter ask here, so `/campaign pause …` means the same on each surface.
 */

import { AppError, isAppError } from "../kernel/errors.js";
import { closestMatches } from "../kernel/text-match.js";
import { type CommandDefinition, usageOf } from "./command.js";
import { type ParsedArgs, parseArgs } from "./flags.js";
import { type Token, tokenize, tokenizePaste } from "./tokenize.js";

/** What a platform puts before the command: Slack's `/campaign`, a Teams channel's `campaign`. */
const PREFIXES = new Set(["campaign", "/campaign"]);

/** True for a word that only says "this is for Switchboard" (`campaign`, `/campaign`), in any case. */
export function isCommandPrefix(word: string): boolean {
  return PREFIXES.has(word.toLowerCase());
}

/** The words after the prefix; a quoted `"campaign"` is a word the user meant, so it stays. */
export function withoutPrefix(tokens: Token[]): Token[] {
  const first = tokens[0];
  return first && !first.quoted && isCommandPrefix(first.value) ? tokens.slice(1) : tokens;
}

/**
 * A parsed line, or the usage error that stops it. A failure after the command was found still names
 * it (and its arguments, when they parsed), so the audit row and the log say which command it was.
 */
export type CommandLine =
  | { ok: true; command: CommandDefinition; args: ParsedArgs }
  | { ok: false; error: AppError; command?: CommandDefinition; args?: ParsedArgs };

export class CommandParser {
  private readonly byName: Map<string, CommandDefinition>;

  constructor(readonly commands: readonly CommandDefinition[]) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
  }

  /** Text → command and arguments, or the usage error to show. Throws nothing but faults. */
  parse(text: string): CommandLine {
    let command: CommandDefinition | undefined;
    let args: ParsedArgs | undefined;
    try {
      const found = this.find(withoutPrefix(this.tokenize(text)));
      command = found.command;
      const usage = usageOf(command);
      args = parseArgs(found.rest, command.flags ?? {}, usage);
      checkArity(command, args.positionals, usage);
      return { ok: true, command, args };
    } catch (e) {
      if (!isAppError(e)) throw e;
      return { ok: false, error: e, ...(command ? { command } : {}), ...(args ? { args } : {}) };
    }
  }

  /**
   * The command the leading words name (two-word names first) and how many words that took, or
   * undefined. For lines still being typed (completion), where the rest need not parse yet.
   */
  lookup(words: readonly string[]): { command: CommandDefinition; words: number } | undefined {
    const [first, second] = words.map((w) => w.toLowerCase());
    const pair = second !== undefined ? this.byName.get(`${first} ${second}`) : undefined;
    if (pair) return { command: pair, words: 2 };
    const single = first !== undefined ? this.byName.get(first) : undefined;
    return single ? { command: single, words: 1 } : undefined;
  }

  /** Command lines by the quoting rules; a paste for a command that takes one (explain) as plain words. */
  private tokenize(text: string): Token[] {
    const words = text.trim().split(/\s+/, 2);
    const prefixed = isCommandPrefix(words[0] ?? "");
    const name = (prefixed ? words[1] : words[0])?.toLowerCase();
    if (name && this.byName.get(name)?.takesPaste) return tokenizePaste(text, prefixed ? 2 : 1);
    return tokenize(text);
  }

  private find(tokens: Token[]): { command: CommandDefinition; rest: Token[] } {
    const first = tokens[0];
    if (!first) {
      const help = this.byName.get("help");
      if (help) return { command: help, rest: [] };
    }
    const found = this.lookup(tokens.slice(0, 2).map((t) => t.value));
    if (found) return { command: found.command, rest: tokens.slice(found.words) };
    const word = (first?.value ?? "").toLowerCase();
    const second = tokens[1]?.value.toLowerCase();
    const group = this.commands.filter((c) => c.name.startsWith(`${word} `));
    if (group.length) {
      const subs = group.map((c) => c.name.slice(word.length + 1));
      const guess = second ? closestMatches(second, subs, 1)[0] : undefined;
      throw new AppError(
        "unknown_command",
        second ? `"${word} ${second}" is not a command.` : `"${word}" needs a subcommand.`,
        {
          hint: guess
            ? `Did you mean: ${word} ${guess}`
            : `Try one of: ${subs.map((s) => `${word} ${s}`).join(", ")}`,
        },
      );
    }
    const names = [...new Set(this.commands.map((c) => c.name.split(" ")[0] ?? c.name))];
    const guess = closestMatches(word, names, 1)[0];
    throw new AppError("unknown_command", `"${truncate(word)}" is not a Switchboard command.`, {
      hint: guess ? `Did you mean: ${guess}? All commands: help` : "See the commands with: help",
    });
  }
}

function checkArity(command: CommandDefinition, positionals: string[], usage: string): void {
  const required = command.args.filter((a) => !a.optional);
  const missing = required[positionals.length];
  if (missing && positionals.length < required.length) {
    throw new AppError("usage", `${command.name} needs <${missing.name}>.`, {
      hint: `Usage: ${usage} — for example: ${command.examples[0] ?? command.name}`,
    });
  }
  const variadic = command.args.some((a) => a.variadic);
  if (!variadic && positionals.length > command.args.length) {
    const extra = positionals.slice(command.args.length).join(" ");
    throw new AppError("usage", `${command.name} does not take "${truncate(extra)}".`, {
      hint: `Usage: ${usage}${extra.includes(" ") ? ' (quote names with spaces: "Spring Promo")' : ""}`,
    });
  }
}

function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
