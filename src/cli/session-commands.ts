/** `switchboard shell` and `switchboard exec`: one workspace, interactive or one command. */
import path from "node:path";
import { shellAlertPoster } from "../adapters/shell/alert-poster.js";
import { runExec } from "../adapters/shell/exec.js";
import { SHELL_NAME } from "../adapters/shell/invocation.js";
import { shellNotifier } from "../adapters/shell/notifier.js";
import { runShell, ShellScreen } from "../adapters/shell/repl.js";
import { type Config, loadConfig } from "../config.js";
import { createCompleter } from "../core/dispatch/completion.js";
import { createLogger } from "../logging.js";
import { parseCli } from "./args.js";
import type { CliIo } from "./io.js";
import { openLiveSession } from "./live-session.js";
import { UsageError } from "./usage-error.js";
import { openWorkspace, type Workspace } from "./workspace.js";

const SESSION_OPTIONS = {
  as: { type: "string" },
  fixture: { type: "string" },
  reset: { type: "boolean" },
  "genesys-url": { type: "string" },
  live: { type: "boolean" },
  json: { type: "boolean" },
} as const;

const SHELL_USAGE = "switchboard shell [--as NAME] [--fixture FILE] [--reset] [--genesys-url URL] [--live]";
const EXEC_USAGE =
  'switchboard exec [--as NAME] [--fixture FILE] [--reset] [--genesys-url URL] [--live] [--json] "<command>"';

type Session = Pick<Workspace, "app" | "notes" | "chatUsers" | "close"> & {
  describe: string[];
  historyFile?: string;
};

async function openSession(
  values: { fixture?: string; reset?: boolean; "genesys-url"?: string; live?: boolean },
  config: Config,
  logLevel: string,
  io: CliIo,
): Promise<Session> {
  if (values.live) {
    if (values.fixture || values.reset)
      throw new UsageError("--live cannot be combined with --fixture or --reset.");
    return openLiveSession(config, logLevel, io.logs);
  }
  const ws = await openWorkspace({
    config,
    logger: createLogger(logLevel, io.logs),
    fixturePath: values.fixture,
    reset: values.reset,
    genesysUrl: values["genesys-url"],
  });
  const orgs = ws.fixture.orgs.map((o) => `${o.slug} (${o.region})`).join(", ");
  const rel = (p: string) => path.relative(io.cwd, p) || p;
  return {
    ...ws,
    historyFile: path.join(ws.dir, "history"),
    describe: [
      `Genesys: ${values["genesys-url"] ? `simulator at ${ws.simulatorUrl}` : `embedded simulator (${values.fixture ? rel(values.fixture) : "demo fixture"})`}; orgs ${orgs}`,
      `Data: ${ws.databaseUrl.startsWith("file:") ? rel(ws.databaseUrl.slice(5)) : "DATABASE_URL"} (reset with --reset)`,
    ],
  };
}

function pickUser(requested: string | undefined, session: Session, config: Config): string {
  const user = requested ?? session.chatUsers[0] ?? config.osUser ?? "me";
  if (!SHELL_NAME.test(user))
    throw new UsageError(`--as "${user}" is not a valid name (letters, digits, . _ -).`);
  return user;
}

export async function shellCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(argv, SESSION_OPTIONS, SHELL_USAGE);
  if (positionals.length)
    throw new UsageError(
      `shell takes no arguments (got "${positionals.join(" ")}").`,
      `To run one command use: switchboard exec "${positionals.join(" ")}"`,
    );
  const config = loadConfig(io.env, { genesysSimulatorUrl: values["genesys-url"] });
  const session = await openSession(values, config, config.logLevel ?? "warn", io);
  try {
    const user = pickUser(values.as, session, config);
    const color = io.stdout.isTTY === true && !config.noColor;
    // Scheduled resumes run while the shell is open (exec is one-shot and never starts them).
    const screen = new ShellScreen(io.stdout);
    session.app.notifiers.register(
      "shell",
      shellNotifier((t) => screen.notice(t), color),
    );
    session.app.alertPosters.register(
      "shell",
      shellAlertPoster((t) => screen.notice(t), color),
    );
    session.app.startScheduler();
    // The shell listens for its own watches (as serve does for every surface), so `watch` here
    // prints alerts; after each command the watches are re-read, so a new one listens at once.
    const alerts = config.alerts ? await session.app.startAlerts() : undefined;
    const afterCommand = alerts
      ? () =>
          alerts.refresh().catch((e: unknown) => {
            screen.notice(`Alerts: watches not re-read (${e instanceof Error ? e.message : String(e)}).`);
          })
      : undefined;
    await runShell({
      dispatcher: session.app.dispatcher,
      user,
      knownUsers: session.chatUsers,
      input: io.stdin,
      output: io.stdout,
      color,
      historyFile: session.historyFile,
      screen,
      completer: createCompleter(session.app.services, session.app.dispatcher.commands),
      ...(afterCommand ? { afterCommand } : {}),
      banner: [
        "Switchboard shell — pause and resume Genesys Cloud outbound campaigns.",
        ...session.describe,
        ...session.notes,
        session.chatUsers.length
          ? `Shell users: ${session.chatUsers.join(", ")}. You are ${user}; switch with :as NAME.`
          : `You are ${user}; switch with :as NAME.`,
        'Type help for commands, e.g. list acme or pause acme "Spring Promo" --reason test. :quit to leave.',
      ],
    });
  } finally {
    await session.close();
  }
  return 0;
}

export async function execCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(argv, SESSION_OPTIONS, EXEC_USAGE);
  const text = positionals.join(" ").trim();
  if (!text)
    throw new UsageError(
      "exec needs a command to run.",
      `Usage: ${EXEC_USAGE}\nExample: switchboard exec "list acme"`,
    );
  const config = loadConfig(io.env, { genesysSimulatorUrl: values["genesys-url"] });
  const session = await openSession(values, config, config.logLevel ?? "error", io);
  try {
    // One command, then exit: no scheduler runs here, and replies about scheduled work say so.
    session.app.services.settings.oneShot = true;
    for (const note of session.notes) io.stderr.write(`${note}\n`);
    return await runExec({
      dispatcher: session.app.dispatcher,
      text,
      user: pickUser(values.as, session, config),
      write: (t) => io.stdout.write(t),
      color: io.stdout.isTTY === true && !config.noColor,
      json: values.json === true,
    });
  } finally {
    await session.close();
  }
}
