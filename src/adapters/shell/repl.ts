/**
 * The interactive shell: a readline loop with persistent history. `:as NAME` switches the chat
 * identity so one person can play requester and approver. It behaves like the shells people know:
 * Ctrl-C clears a half-typed line (a second one on an empty line, or Ctrl-D, leaves), Tab completes
 * commands, orgs and campaigns, and a background notice is printed above the prompt, which is then
 * redrawn with what was being typed.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import readline from "node:readline";
import type { Completer } from "../../core/dispatch/completion.js";
import type { Dispatcher } from "../../core/dispatch/dispatcher.js";
import { SHELL_NAME, shellInvocation } from "./invocation.js";
import { renderReply, stdoutWidth } from "./render.js";

export interface ShellOptions {
  dispatcher: Dispatcher;
  user: string;
  /** Names the workspace defines (shown by `:who`, checked by `:as`). */
  knownUsers: string[];
  banner: string[];
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
  historyFile?: string;
  /** Tab completion; none when absent. */
  completer?: Completer;
  /** Where background notices go while the shell runs (see ShellScreen). */
  screen?: ShellScreen;
  /** Line editing (Ctrl-C, Tab, redraws); defaults to whether the output is a terminal. */
  terminal?: boolean;
  /** After each command's reply (e.g. re-read the watches so a `watch` starts listening at once). */
  afterCommand?: () => Promise<void>;
}

/**
 * The terminal as shared by the prompt and background notices (a scheduled resume, an alert). A
 * notice arriving while someone types clears their line, prints above it and redraws prompt and line.
 */
export class ShellScreen {
  private rl: readline.Interface | undefined;
  private busy = false;

  constructor(private readonly output: NodeJS.WritableStream) {}

  attach(rl: readline.Interface | undefined, busy = false): void {
    this.rl = rl;
    this.busy = busy;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
  }

  notice(text: string): void {
    const rl = this.rl;
    const body = text.replace(/^\n+|\n+$/g, "");
    if (!rl || !(rl as { terminal?: boolean }).terminal) {
      this.output.write(`\n${body}\n`);
      return;
    }
    readline.clearLine(this.output, 0);
    readline.cursorTo(this.output, 0);
    this.output.write(`${body}\n`);
    // While a command runs there is no prompt on screen; its reply ends with one.
    if (!this.busy) rl.prompt(true);
  }
}

const META_HELP = [
  ":as NAME   act as another shell user (e.g. :as alex)",
  ":who       list the shell users this workspace defines",
  ":quit      leave (Ctrl-D works too)",
  "help       the Switchboard commands",
];

export async function runShell(options: ShellOptions): Promise<void> {
  let user = options.user;
  const out = (text: string): void => {
    options.output.write(`${text}\n`);
  };
  const history = loadHistory(options.historyFile);
  const completer = options.completer;
  const rl = readline.createInterface({
    input: options.input,
    output: options.output,
    terminal: options.terminal ?? (options.output as NodeJS.WriteStream).isTTY === true,
    history,
    historySize: 500,
    ...(completer
      ? {
          completer: (line: string, done: (err: null, result: [string[], string]) => void) => {
            completer.complete(`shell:${user}`, line).then(
              (c) => done(null, [c.candidates, c.word]),
              () => done(null, [[], line]),
            );
          },
        }
      : {}),
  });
  const screen = options.screen;
  screen?.attach(rl);
  // Ctrl-C: a half-typed line is dropped (bash, psql); on an empty line it says how to leave, and a
  // second one in a row leaves.
  let interrupted = false;
  rl.on("SIGINT", () => {
    if (rl.line.length > 0) {
      interrupted = false;
      // End of line, mark it, then Ctrl-U empties readline's buffer and redraws an empty prompt below.
      rl.write(null, { ctrl: true, name: "e" });
      options.output.write("^C\n");
      rl.write(null, { ctrl: true, name: "u" });
      return;
    }
    if (interrupted) {
      options.output.write("\n");
      rl.close();
      return;
    }
    interrupted = true;
    options.output.write("^C\n(To leave, press Ctrl-C again, Ctrl-D or type :quit)\n");
    rl.prompt();
  });
  const prompt = () => rl.setPrompt(`${user}@switchboard> `);
  for (const line of options.banner) out(line);
  prompt();
  rl.prompt();
  for await (const raw of rl) {
    interrupted = false;
    const line = raw.trim();
    if (line && options.historyFile) appendHistory(options.historyFile, line);
    if (!line) {
      rl.prompt();
      continue;
    }
    if (line === ":quit" || line === ":q" || line === "exit" || line === "quit") break;
    if (line.startsWith(":")) {
      const [meta, arg] = line.split(/\s+/, 2);
      if (meta === ":as") {
        if (!arg || !SHELL_NAME.test(arg)) out("Usage: :as NAME (letters, digits, . _ -), e.g. :as alex");
        else {
          user = arg;
          const known = options.knownUsers.includes(arg);
          out(
            `Now acting as ${arg} (shell:${arg})${known ? "." : ` — not a user of this workspace (${options.knownUsers.join(", ")}); it has no Genesys mapping.`}`,
          );
          prompt();
        }
      } else if (meta === ":who")
        out(`Shell users: ${options.knownUsers.join(", ") || "(none defined)"}; you are ${user}.`);
      else out(META_HELP.join("\n"));
      rl.prompt();
      continue;
    }
    screen?.setBusy(true);
    const reply = await options.dispatcher
      .dispatch(shellInvocation(line, user), {
        progress: async (update) => out(renderReply(update, { color: options.color, width: stdoutWidth() })),
      })
      .finally(() => screen?.setBusy(false));
    out(renderReply(reply, { color: options.color, width: stdoutWidth() }));
    await options.afterCommand?.();
    rl.prompt();
  }
  screen?.attach(undefined);
  rl.close();
}

function loadHistory(file: string | undefined): string[] {
  if (!file || !existsSync(file)) return [];
  // readline wants the newest entry first.
  return readFileSync(file, "utf8").split("\n").filter(Boolean).slice(-500).reverse();
}

function appendHistory(file: string, line: string): void {
  try {
    appendFileSync(file, `${line}\n`, { mode: 0o600 });
  } catch {
    // History is a convenience; never fail a command over it.
  }
}
