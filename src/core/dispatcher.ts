import { randomUUID } from "node:crypto";
import { type CommandDefinition, usageOf } from "./command.js";
import { errorToReply } from "./error-reply.js";
import { AppError, isAppError } from "./errors.js";
import { isGenesysError } from "./genesys-error.js";
import type { Invocation } from "./invocation.js";
import { parseArgs } from "./parser/flags.js";
import { type Token, tokenize } from "./parser/tokenize.js";
import type { Reply } from "./reply.js";
import type { CoreServices } from "./services.js";
import { closestMatches } from "./text-match.js";

export interface DispatchOptions {
  /** Interim updates for long work; ignored when absent. */
  progress?: (update: Reply) => Promise<void>;
}

const PREFIXES = new Set(["campaign", "/campaign"]);

/**
 * Turns an invocation into a reply: parse → find the command → check its arguments → run it.
 * Never throws: every failure becomes a reply.
 */
export class Dispatcher {
  private readonly byName: Map<string, CommandDefinition>;

  constructor(
    private readonly services: CoreServices,
    readonly commands: CommandDefinition[],
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
  }

  async dispatch(invocation: Invocation, options: DispatchOptions = {}): Promise<Reply> {
    const started = performance.now();
    let commandName = "(unparsed)";
    try {
      const tokens = tokenize(invocation.text);
      if (tokens[0] && !tokens[0].quoted && PREFIXES.has(tokens[0].value.toLowerCase())) tokens.shift();
      const { command, rest } = this.find(tokens);
      commandName = command.name;
      const usage = usageOf(command);
      const args = parseArgs(rest, command.flags ?? {}, usage);
      checkArity(command, args.positionals, usage);
      const result = await command.run({
        invocation,
        services: this.services,
        args,
        progress: options.progress ?? (async () => {}),
      });
      this.log(invocation, commandName, started, result.ok ? "ok" : "failed");
      return result;
    } catch (e) {
      const ref = randomUUID().slice(0, 8);
      const expected = isAppError(e) || isGenesysError(e);
      this.log(invocation, commandName, started, expected ? "refused" : "fault", e, ref);
      return errorToReply(e, ref);
    }
  }

  private find(tokens: Token[]): { command: CommandDefinition; rest: Token[] } {
    const first = tokens[0];
    if (!first) {
      const help = this.byName.get("help");
      if (help) return { command: help, rest: [] };
    }
    const word = (first?.value ?? "").toLowerCase();
    const second = tokens[1]?.value.toLowerCase();
    const pair = second !== undefined ? this.byName.get(`${word} ${second}`) : undefined;
    if (pair) return { command: pair, rest: tokens.slice(2) };
    const single = this.byName.get(word);
    if (single) return { command: single, rest: tokens.slice(1) };
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

  private log(
    inv: Invocation,
    command: string,
    started: number,
    outcome: string,
    error?: unknown,
    ref?: string,
  ): void {
    const fields = {
      command,
      outcome,
      actor: inv.actor.id,
      platform: inv.platform,
      channel: inv.channel.id,
      ms: Math.round(performance.now() - started),
      ...(ref ? { ref } : {}),
      ...(error
        ? {
            err: isAppError(error)
              ? error.code
              : isGenesysError(error)
                ? `${error.status} ${error.code}`
                : String(error),
          }
        : {}),
    };
    if (outcome === "fault")
      this.services.logger.error(
        { ...fields, stack: error instanceof Error ? error.stack : undefined },
        "command fault",
      );
    else this.services.logger.info(fields, "command");
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
