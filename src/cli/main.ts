/**
 * The `switchboard` command. Each subcommand lives in its own module, imported only when it runs:
 * `--help`, `--version` and usage errors answer without loading Prisma, Bolt, yaml or the config.
 * This file routes argv and turns start-up failures into a clear message and exit code.
 */
import { commandHelp, nearestCommand, topLevelHelp, version } from "./help.js";
import { type CliIo, processIo } from "./io.js";
import { UsageError } from "./usage-error.js";

type Handler = (argv: string[], io: CliIo) => Promise<number>;

const HANDLERS: Record<string, () => Promise<Handler>> = {
  shell: async () => (await import("./session-commands.js")).shellCommand,
  exec: async () => (await import("./session-commands.js")).execCommand,
  serve: async () => (await import("./serve-command.js")).serveCommand,
  sim: async () => (await import("./sim-command.js")).simCommand,
  org: async () => (await import("./org-command.js")).orgCommand,
  user: async () => (await import("./user-command.js")).userCommand,
  audit: async () => (await import("./audit-command.js")).auditCliCommand,
  db: async () => (await import("./db-command.js")).dbCommand,
  keys: async () => (await import("./keys-command.js")).keysCommand,
};

const HELP_FLAGS = new Set(["--help", "-h"]);

/** `--help` among the subcommand's own flags (not after `--`, not inside the quoted chat command). */
function asksForHelp(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => HELP_FLAGS.has(a));
}

export interface MainOptions {
  /** The command runs once and exits (bin/switchboard.js decides): tune for start-up (one-shot.ts). */
  oneShot?: boolean;
  /**
   * Runs a subcommand (not its --help) with another copy of this function: bin/switchboard.js hands
   * the short commands to the CommonJS build of this bundle (scripts/bundle.mjs says why), loaded
   * only then, so help and usage errors still load a few small modules. The whole command runs
   * there, its error reporting with it: the two builds' error classes are not the same classes.
   */
  runner?: () => typeof main;
}

export async function main(
  argv: string[],
  io: CliIo = processIo(),
  options: MainOptions = {},
): Promise<number> {
  const [sub = "shell", ...rest] = argv;
  if (HELP_FLAGS.has(sub)) return print(io, topLevelHelp());
  if (sub === "--version" || sub === "-V" || sub === "version") return print(io, version());
  if (sub === "help") {
    const topic = rest[0];
    if (topic === undefined) return print(io, topLevelHelp());
    return print(io, commandHelp(topic) ?? topLevelHelp());
  }
  const load = HANDLERS[sub];
  if (!load) {
    const near = nearestCommand(sub);
    const hint = near ? `Did you mean "switchboard ${near}"? ` : "";
    io.stderr.write(
      `switchboard: unknown command "${sub}". ${hint}Run "switchboard --help" for the commands.\n`,
    );
    return 2;
  }
  if (asksForHelp(rest)) return print(io, commandHelp(sub) ?? topLevelHelp());
  if (options.runner) return options.runner()(argv, io, { oneShot: options.oneShot });
  try {
    if (options.oneShot) (await import("./one-shot.js")).tuneForOneShot();
    return await (await load())(rest, io);
  } catch (e) {
    return report(io, sub, e);
  }
}

function print(io: CliIo, text: string): number {
  io.stdout.write(`${text}\n`);
  return 0;
}

async function report(io: CliIo, sub: string, e: unknown): Promise<number> {
  if (e instanceof UsageError) {
    io.stderr.write(
      `switchboard ${sub}: ${e.message}\n${e.hint ? `${e.hint}\n` : ""}Run "switchboard ${sub} --help" for more.\n`,
    );
    return 2;
  }
  // Loaded only on failure: the handler has already loaded both, so this costs nothing extra.
  const [{ ConfigError }, { isAppError }] = await Promise.all([
    import("../config.js"),
    import("../core/kernel/errors.js"),
  ]);
  if (e instanceof ConfigError) {
    io.stderr.write(`switchboard: ${e.message}\nSee .env.example for every setting.\n`);
    return 78; // EX_CONFIG
  }
  if (isAppError(e)) {
    const details = e.details.map((d) => `${d}\n`).join("");
    io.stderr.write(`switchboard ${sub}: ${e.userMessage}\n${details}${e.hint ? `${e.hint}\n` : ""}`);
    return 1;
  }
  io.stderr.write(`switchboard ${sub}: ${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
}
