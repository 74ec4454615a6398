import { randomUUID } from "node:crypto";
import { type AutomapOutcome, automapCaller, automapNote } from "../identity/automap.js";
import { auditOutcomeOf, isAppError } from "../kernel/errors.js";
import { genesysCauseOf, isGenesysError } from "../kernel/genesys-error.js";
import type { Invocation } from "../kernel/invocation.js";
import type { Reply } from "../kernel/reply.js";
import { maskSecrets } from "../kernel/secret-mask.js";
import { type CommandOutcome, type Metrics, noopMetrics } from "../metrics/metrics.js";
import type { AuditEntry, AuditLog, AuditQuery, NewAuditEvent, OpenIntentQuery } from "../ports/audit-log.js";
import type { IdentityStore } from "../ports/identity-store.js";
import type { OrgStore } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";
import { auditSubject, type CommandDefinition, namedOrg } from "./command.js";
import { commandIdentityReads } from "./command-identity-reads.js";
import { CommandParser } from "./command-line.js";
import { commandOrgReads } from "./command-org-reads.js";
import { enforceAccess, orgsNamed } from "./enforce-access.js";
import { errorToReply } from "./error-reply.js";
import { stripInvisible } from "./tokenize.js";

/** A command that failed, as the dispatcher recorded it: what a failure note may explain. */
export interface FailedCommand {
  invocation: Invocation;
  command: string;
  orgSlug: string | null;
  /** The campaign words of the command line, when it named one. */
  subject: string | null;
  error: unknown;
  /** The reply the error became. */
  reply: Reply;
}

export interface DispatcherOptions {
  /** Counts every dispatched command by outcome, with its latency (the same numbers as the log). */
  metrics?: Metrics;
  /**
   * Adds to a failed command's reply (a diagnosis line, an `explain` pointer), after its audit row.
   * Given by the composition root, so the dispatcher knows no diagnosis and works without one.
   */
  failureNote?: (failed: FailedCommand) => Promise<Reply>;
}

export interface DispatchOptions {
  /** Interim updates for long work; ignored when absent. */
  progress?: (update: Reply) => Promise<void>;
}

/**
 * Turns an invocation into a reply: parse → find the command → check its arguments → run it.
 * Never throws: every failure becomes a reply.
 */
export class Dispatcher {
  /** The one reading of a command line, shared with completion and the chat adapters. */
  readonly parser: CommandParser;
  private readonly metrics: Metrics;
  private readonly failureNote: DispatcherOptions["failureNote"];

  constructor(
    private readonly services: CoreServices,
    readonly commands: CommandDefinition[],
    options: DispatcherOptions = {},
  ) {
    this.parser = new CommandParser(commands);
    this.metrics = options.metrics ?? noopMetrics;
    this.failureNote = options.failureNote;
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
    // Each org and mapping read once for the command's steps (see read-once.ts for how long).
    const now = () => this.services.clock.now().getTime();
    const orgs = commandOrgReads(this.services.orgs, now);
    const identities = commandIdentityReads(this.services.identities, now);
    const gate = this.services.gate.forCommand(identities);
    const services: CoreServices = { ...this.services, audit, orgs, identities, gate };
    let automapped = new Map<string, AutomapOutcome>();
    try {
      const line = this.parser.parse(invocation.text);
      // Named even when its arguments are wrong, so the audit row and the log say which command it was.
      if (line.command) commandName = line.command.name;
      if (line.command && line.args) {
        orgSlug = namedOrg(line.command, line.args);
        subject = auditSubject(line.command, line.args);
      }
      if (!line.ok) throw line.error;
      const { command, args } = line;
      // Automap first (orgs that opted in): an unmapped caller whose email the chat platform vouches
      // for is mapped before the access check, so their first command runs like every later one.
      automapped = await this.automap(invocation, orgsNamed(command, args), { orgs, identities });
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
      await this.record(audit, invocation, commandName, orgSlug, subject, started, auditOutcomeOf(e), e, ref);
      // After the audit row, so the `explain <contextId>` the note points at finds it.
      const failed = await this.noted({
        invocation,
        command: commandName,
        orgSlug,
        subject,
        error: e,
        reply: errorToReply(e, ref, this.services.clock.now()),
      });
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
      const line = this.parser.parse(text);
      return line.ok ? null : errorToReply(line.error, "");
    } catch {
      // A fault is for dispatch to report (and audit) as it always does.
      return null;
    }
  }

  /** The failure note added, when one is wired; the plain reply when the note itself fails. */
  private async noted(failed: FailedCommand): Promise<Reply> {
    if (!this.failureNote) return failed.reply;
    try {
      return await this.failureNote(failed);
    } catch (e) {
      this.services.logger.warn(
        { err: e instanceof Error ? e.name : "error", command: failed.command },
        "failure note skipped",
      );
      return failed.reply;
    }
  }

  /**
   * Automap in the orgs a command names. Its audit row goes to the real log, not the command's
   * recording one: the mapping is not the command's own row. A failure here only skips automap.
   */
  private async automap(
    invocation: Invocation,
    slugs: string[],
    reads: { orgs: OrgStore; identities: IdentityStore },
  ): Promise<Map<string, AutomapOutcome>> {
    if (!slugs.length) return new Map();
    try {
      return await automapCaller({ ...this.services, ...reads }, invocation, slugs);
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
