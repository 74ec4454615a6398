/**
 * Alerts in the shell: the terminal cannot edit what it printed, so each post, edit and detail is
 * printed in turn; the reference only numbers the alert so its updates can say which one they are.
 */
import type { AlertPoster } from "../../core/alerts/alert-poster.js";
import type { Reply } from "../../core/kernel/reply.js";
import { renderReply, stdoutWidth } from "./render.js";

export function shellAlertPoster(write: (text: string) => void, color: boolean): AlertPoster {
  let n = 0;
  const print = (label: string, message: Reply) =>
    write(`\n${label}\n${renderReply(message, { color, width: stdoutWidth() })}\n`);
  return {
    async post(_target, message) {
      n += 1;
      print(`[alert #${n}]`, message);
      return String(n);
    },
    async update(_target, ref, message) {
      print(`[alert #${ref} updated]`, message);
    },
    async thread(_target, ref, message) {
      print(`[alert #${ref}]`, message);
    },
  };
}
