/**
 * The interactive shell: a readline loop with persistent history. `:as NAME` switches the chat
 * identity so one person can play requester and approver.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import readline from "node:readline";
import type { Dispatcher } from "../../core/dispatcher.js";
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
  const rl = readline.createInterface({
    input: options.input,
    output: options.output,
    terminal: (options.output as NodeJS.WriteStream).isTTY === true,
    history,
    historySize: 500,
  });
  const prompt = () => rl.setPrompt(`${user}@switchboard> `);
  for (const line of options.banner) out(line);
  prompt();
  rl.prompt();
  for await (const raw of rl) {
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
    const reply = await options.dispatcher.dispatch(shellInvocation(line, user), {
      progress: async (update) => out(renderReply(update, { color: options.color, width: stdoutWidth() })),
    });
    out(renderReply(reply, { color: options.color, width: stdoutWidth() }));
    rl.prompt();
  }
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
