import type { Reply } from "../../core/kernel/reply.js";
import type { Notifier } from "../../core/ports/notifier.js";
import { renderReply, stdoutWidth } from "./render.js";

/**
 * The shell's channel is the terminal: a scheduled resume that ran is printed there, above the
 * prompt (ShellScreen.notice redraws the prompt and the half-typed line after it).
 */
export function shellNotifier(notice: (text: string) => void, color: boolean): Notifier {
  return {
    async notify(_platform: string, _channel: string, reply: Reply): Promise<void> {
      notice(renderReply(reply, { color, width: stdoutWidth() }));
    },
  };
}
