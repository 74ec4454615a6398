import type { Dispatcher } from "../../core/dispatch/dispatcher.js";
import type { Reply } from "../../core/kernel/reply.js";
import { shellInvocation } from "./invocation.js";
import { renderReply, stdoutWidth } from "./render.js";

export interface ExecOptions {
  dispatcher: Dispatcher;
  text: string;
  user: string;
  write: (text: string) => void;
  color: boolean;
  /** Print each reply as one JSON line instead of text (for scripts). */
  json: boolean;
}

/** Runs one command non-interactively. Returns the process exit code: 0 when the command succeeded. */
export async function runExec(options: ExecOptions): Promise<number> {
  const print = (r: Reply) =>
    options.write(
      `${options.json ? JSON.stringify(r) : renderReply(r, { color: options.color, width: stdoutWidth() })}\n`,
    );
  const result = await options.dispatcher.dispatch(shellInvocation(options.text, options.user), {
    progress: async (update) => print(update),
  });
  print(result);
  return result.ok ? 0 : 1;
}
