import { randomUUID } from "node:crypto";
import { type AutomapOutcome, automapCaller, automapNote } from "./automap.js";
import { type CommandDefinition, usageOf } from "./command.js";
import { commandOrgReads } from "./command-org-reads.js";
import { genesysCauseOf, withFailureNote } from "./diagnosis/failure-note.js";
import { errorToReply } from "./error-reply.js";
import { AppError, isAppError } from "./errors.js";
import { isGenesysError } from "./genesys-error.js";
import type { Invocation } from "./invocation.js";
import { type CommandOutcome, type Metrics, noopMetrics } from "./metrics/metrics.js";
import { parseArgs } from "./parser/flags.js";
import { stripInvisible, type Token, tokenize, tokenizePaste } from "./parser/tokenize.js";
import { enforceAccess, orgsNamed } from "./permissions/enforce-access.js";
import type { AuditEntry, AuditLog, AuditQuery, NewAuditEvent, OpenIntentQuery, OrgStore } from "./ports.js";
import type { Reply } from "./reply.js";
import { maskSecrets } from "./secret-mask.js";
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
    /** Counts every dispatched command by outcome, with its latency (the same numbers as the log). */
    private readonly metrics: Metrics = noopMetrics,
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
  }

  async dispatch(typed: Invocation, options: DispatchOptions = {}): Promise<Reply> {
    // What commands parse, quote (explain, bulk plans) and record (audit subject, reason): without bidi
    // or invisible characters, and with pasted credentials masked — no command takes a secret as text.
    const invocation: Invocation = { ...typed, text: maskSecrets(stripInvisible(typed.text)) };
    const started = performance.now();
    let commandName = "(unparsed)";
    let orgSlug: string | null = null;
    let subject: string | null = null;
    // Every command leaves at least one audit row: commands that record their own (pause, approve…)
    // are left alone; for the rest, and for failures before any row, the dispatcher writes one.
    const audit = new RecordingAudit(this.services.audit);
    const orgs = commandOrgReads(this.services.orgs);
    const services: CoreServices = { ...this.services, audit, orgs };
    let automapped = new Map<string, AutomapOutcome>();
    try {
      const tokens = this.tokenize(invocation.text);
      if (tokens[0] && !tokens[0].quoted && PREFIXES.has(tokens[0].value.toLowerCase())) tokens.shift();
      const { command, rest } = this.find(tokens);
      commandName = command.name;
      const usage = usageOf(command);
      const args = parseArgs(rest, command.flags ?? {}, usage);
      if (command.args[0]?.name === "org") orgSlug = args.positionals[0]?.toLowerCase() ?? null;
      subject =
        args.positionals
          .slice(command.args[0]?.name === "org" ? 1 : 0)
          .join(" ")
          .slice(0, 200) || null;
      checkArity(command, args.positionals, usage);
      // Automap first (orgs that opted in): an unmapped caller whose email the chat platform vouches
      // for is mapped before the access check, so their first command runs like every later one.
      automapped = await this.automap(invocation, orgsNamed(command, args), orgs);
      // Declared access, checked before the command runs; a refusal writes its own audit row.
      const access = await enforceAccess(command, { services, args, invocation }, subject).catch((e) => {
        throw withAutomapNotes(e, automapped);
      });
      const result = await command.run({
        invocation,
        services,
        args,
        ...(access ? { access } : {}),
        progress: options.progress ?? (async () => {}),
      });
      this.log(invocation, commandName, started, result.ok ? "ok" : "failed");
      await this.record(
        audit,
        invocation,
        commandName,
        orgSlug,
        subject,
        started,
        result.ok ? "info" : "failure",
      );
      return announceAutomap(result, automapped);
    } catch (e) {
      const ref = randomUUID().slice(0, 8);
      const expected = isAppError(e) || isGenesysError(e);
      this.log(invocation, commandName, started, expected ? "refused" : "fault", e, ref);
      const outcome = isAppError(e) && e.code === "not_permitted" ? "denied" : "failure";
      await this.record(audit, invocation, commandName, orgSlug, subject, started, outcome, e, ref);
      // After the audit row, so the `explain <contextId>` the note points at finds it.
      const failed = await withFailureNote(
        this.services,
        errorToReply(e, ref, this.services.clock.now()),
        e,
        {
          invocation,
          command: commandName,
          orgSlug,
          subject,
        },
      );
      return announceAutomap(failed, automapped);
    }
  }

  /**
   * The parse step alone, running and auditing nothing: a usage error as a reply, or null when the
   * command line is well formed. Synchronous and cheap, so a chat adapter can answer a typo inside
   * the platform's acknowledgement deadline and leave the real work (and its audit row) to dispatch.
   */
  validate(text: string): Reply | null {
    try {
      const tokens = this.tokenize(text);
      if (tokens[0] && !tokens[0].quoted && PREFIXES.has(tokens[0].value.toLowerCase())) tokens.shift();
      const { command, rest } = this.find(tokens);
      const usage = usageOf(command);
      checkArity(command, parseArgs(rest, command.flags ?? {}, usage).positionals, usage);
      return null;
    } catch (e) {
      // Anything but a usage-quality error is for dispatch to report (and audit) as it always does.
      return isAppError(e) ? errorToReply(e, "") : null;
    }
  }

  /** Command lines by the quoting rules; a paste for a command that takes one (explain) as plain words. */
  private tokenize(text: string): Token[] {
    const words = text
      .trim()
      .split(/\s+/, 2)
      .map((w) => w.toLowerCase());
    const prefixed = PREFIXES.has(words[0] ?? "");
    const name = prefixed ? words[1] : words[0];
    if (name && this.byName.get(name)?.takesPaste) return tokenizePaste(text, prefixed ? 2 : 1);
    return tokenize(text);
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

  /**
   * Automap in the orgs a command names. Its audit row goes to the real log, not the command's
   * recording one: the mapping is not the command's own row. A failure here only skips automap.
   */
  private async automap(
    invocation: Invocation,
    slugs: string[],
    orgs: OrgStore,
  ): Promise<Map<string, AutomapOutcome>> {
    if (!slugs.length) return new Map();
    try {
      return await automapCaller({ ...this.services, orgs }, invocation, slugs);
    } catch (e) {
      this.services.logger.warn(
        { err: e instanceof Error ? e.name : "error", actor: invocation.actor.id },
        "automap skipped",
      );
      return new Map();
    }
  }

  /** The dispatcher's own audit row, unless the command already wrote one. Never fails the command. */
  private async record(
    audit: RecordingAudit,
    inv: Invocation,
    command: string,
    orgSlug: string | null,
    subject: string | null,
    started: number,
    outcome: "info" | "failure" | "denied",
    error?: unknown,
    ref?: string,
  ): Promise<void> {
    if (audit.wrote) return;
    const fault = error !== undefined && !isAppError(error) && !isGenesysError(error);
    // What `explain <contextId>` starts from: the Genesys answer, also when an AppError wraps it.
    const g = genesysCauseOf(error);
    const genesys = g
      ? {
          status: g.status,
          code: g.code,
          requiredPermissions: g.requiredPermissions,
          method: g.method,
          path: g.path,
        }
      : {};
    const detail =
      error === undefined ? null : { error: errorCode(error), ...genesys, ...(fault && ref ? { ref } : {}) };
    try {
      await audit.append({
        actor: inv.actor.id,
        platform: inv.platform,
        channel: inv.channel.id,
        orgSlug,
        action: command,
        targetName: subject,
        outcome,
        contextId: g?.contextId ?? null,
        correlationId: g?.correlationId ?? null,
        durationMs: Math.round(performance.now() - started),
        detail,
      });
    } catch (auditError) {
      this.services.logger.error(
        { err: String(auditError), command, actor: inv.actor.id },
        "command not recorded in audit log",
      );
    }
  }

  private log(
    inv: Invocation,
    command: string,
    started: number,
    outcome: CommandOutcome,
    error?: unknown,
    ref?: string,
  ): void {
    const ms = performance.now() - started;
    this.metrics.command(command, outcome, ms / 1000);
    const fields = {
      command,
      outcome,
      actor: inv.actor.id,
      platform: inv.platform,
      channel: inv.channel.id,
      ms: Math.round(ms),
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

function errorCode(e: unknown): string {
  if (isAppError(e)) return e.code;
  if (isGenesysError(e)) return `${e.status} ${e.code}`;
  return "fault";
}

/** Passes appends through and remembers whether the command wrote any. */
class RecordingAudit implements AuditLog {
  wrote = false;
  constructor(private readonly inner: AuditLog) {}
  append(event: NewAuditEvent): Promise<AuditEntry> {
    this.wrote = true;
    return this.inner.append(event);
  }
  list(query: AuditQuery): Promise<AuditEntry[]> {
    return this.inner.list(query);
  }
  findByContextId(contextId: string): Promise<AuditEntry | null> {
    return this.inner.findByContextId(contextId);
  }
  openIntents(query: OpenIntentQuery): Promise<AuditEntry[]> {
    return this.inner.openIntents(query);
  }
  claimReconciliation(intentId: string, owner: string, at: Date): Promise<boolean> {
    return this.inner.claimReconciliation(intentId, owner, at);
  }
}

/** A "not mapped" refusal says why automap, on in that org, did not map the caller. */
function withAutomapNotes(e: unknown, outcomes: Map<string, AutomapOutcome>): unknown {
  if (!isAppError(e) || e.code !== "not_permitted") return e;
  for (const outcome of outcomes.values()) {
    const note = automapNote(outcome);
    if (note) e.details.push(note);
  }
  return e;
}

/** The command's reply tells the caller automap just mapped them, and how they were found. */
function announceAutomap(reply: Reply, outcomes: Map<string, AutomapOutcome>): Reply {
  const mapped = [...outcomes].filter(([, o]) => o.mapped).map(([slug]) => slug);
  if (!mapped.length) return reply;
  const text = `Automap mapped you in ${mapped.join(", ")} to the Genesys user with your verified email (an admin can undo it with user unmap).`;
  return { ...reply, blocks: [...reply.blocks, { type: "text", text, tone: "info" }] };
}
