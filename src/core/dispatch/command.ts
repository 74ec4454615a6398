import type { Invocation } from "../kernel/invocation.js";
import type { Reply } from "../kernel/reply.js";
import type { Access } from "../permissions/catalogue.js";
import type { CoreServices } from "../services.js";
import type { OrgAccess } from "./enforce-access.js";
import type { FlagSpecs, ParsedArgs } from "./flags.js";

interface ArgSpec {
  /** Shown in usage as `<name>` (or `[name]` when optional). */
  name: string;
  /**
   * What the argument names, when the dispatcher needs to know: `org` is the org the command acts in
   * (access is checked there and its audit row records it; see `namedOrg`); `campaign` names
   * campaigns of that org (completion offers the ones the caller may list).
   */
  kind?: "org" | "campaign";
  optional?: boolean;
  /** Takes all remaining positionals. */
  variadic?: boolean;
}

export interface CommandContext {
  invocation: Invocation;
  services: CoreServices;
  args: ParsedArgs;
  /**
   * Set by the dispatcher's access step for campaign commands: the named org and the divisions the
   * caller may view. Campaign names are resolved among those only.
   */
  access?: OrgAccess;
  /** Interim update for long work (the shell prints it; Slack/Teams update one message). */
  progress(update: Reply): Promise<void>;
}

export interface CommandDefinition {
  /** One or two words: `list`, `org test`. */
  name: string;
  summary: string;
  args: ArgSpec[];
  flags?: FlagSpecs;
  /** Overrides the usage line built from `args` and `flags` (when arguments depend on flags). */
  usage?: string;
  examples: string[];
  /** Lines `help <command>` adds after the examples: what the command does beyond its usage line. */
  notes?: string[];
  /**
   * What the caller needs, from the permission catalogue (`PERMISSION_CATALOGUE[name]`); the
   * dispatcher enforces it before `run` (see enforce-access.ts), a test checks every command has it.
   */
  access: Access;
  /** `why`: a broken org or unverifiable grants are diagnosed by the command, not refused up front. */
  diagnosesBrokenOrgs?: boolean;
  /**
   * Takes pasted text (forum threads, error bodies): up to MAX_PASTE_LENGTH characters, quotes and
   * `--words` read as text, never as quoting or options. The command reads `invocation.text`.
   */
  takesPaste?: boolean;
  run(ctx: CommandContext): Promise<Reply>;
}

/** `pause <org> <campaign…> [--reason TEXT]` */
export function usageOf(cmd: CommandDefinition): string {
  if (cmd.usage) return cmd.usage;
  const parts = [cmd.name];
  for (const a of cmd.args) {
    const name = a.variadic ? `${a.name}…` : a.name;
    parts.push(a.optional ? `[${name}]` : `<${name}>`);
  }
  for (const [flag, spec] of Object.entries(cmd.flags ?? {})) {
    parts.push(spec.type === "boolean" ? `[--${flag}]` : `[--${flag} ${spec.valueName ?? "VALUE"}]`);
  }
  return parts.join(" ");
}

/*
 * The boundary between a command line and its audit row: the org is the argument the command
 * declares `kind: "org"`, never guessed from a name; every other positional is the subject.
 */

/** The org the command line names by its declared `org` argument, lower-cased; null when none. */
export function namedOrg(cmd: CommandDefinition, args: ParsedArgs): string | null {
  const at = cmd.args.findIndex((a) => a.kind === "org");
  return at === -1 ? null : (args.positionals[at]?.toLowerCase() ?? null);
}

/** What the audit row names as the target: the positionals but the org, at most 200 characters. */
export function auditSubject(cmd: CommandDefinition, args: ParsedArgs): string | null {
  const at = cmd.args.findIndex((a) => a.kind === "org");
  return (
    args.positionals
      .filter((_, i) => i !== at)
      .join(" ")
      .slice(0, 200) || null
  );
}
