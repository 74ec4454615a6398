/**
 * Where an approval request's channel message lives, so it can be edited into the request's current
 * view (core/approvals/approval-views.ts) after each vote and once decided.
 */
import type { MessageRef } from "./reply-sink.js";

/** `C123:1700000000.000100` as stored by ApprovalStore.setMessageRef. */
export function formatMessageRef(ref: MessageRef): string {
  return `${ref.channel}:${ref.ts}`;
}

export function parseMessageRef(text: string | null | undefined): MessageRef | undefined {
  const at = text?.indexOf(":") ?? -1;
  if (!text || at <= 0) return undefined;
  return { channel: text.slice(0, at), ts: text.slice(at + 1) };
}
