/**
 * Slack mrkdwn helpers: escaping, status and tone emoji, length limits. Core replies hold plain text;
 * everything Slack-specific about how that text looks is decided here.
 */
import type { Tone } from "../../core/reply.js";

/**
 * Escapes the three characters Slack treats as control syntax, then turns chat identities of this
 * platform (`slack:T1:U2`) into mentions, which Slack shows as the person's name.
 */
export function mrkdwn(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(/\bslack:[A-Z0-9]+:([UW][A-Z0-9]+)\b/g, "<@$1>");
}

/** Inline code; backticks inside would end it early, so they become a look-alike. */
export function code(text: string): string {
  return `\`${mrkdwn(text).replaceAll("`", "ˋ")}\``;
}

/** Campaign status with an emoji a reader can scan down a list. */
export function statusEmoji(status: string): string {
  const s = status.toLowerCase();
  if (s === "on") return ":large_green_circle:";
  if (s.includes("stopping")) return ":hourglass_flowing_sand:";
  if (s === "off") return ":black_circle:";
  if (s === "complete") return ":checkered_flag:";
  if (s === "invalid") return ":red_circle:";
  return ":white_circle:";
}

export function withStatus(status: string): string {
  return `${statusEmoji(status)} ${mrkdwn(status)}`;
}

export function toneEmoji(tone: Tone | undefined): string {
  switch (tone) {
    case "error":
      return ":x: ";
    case "success":
      return ":white_check_mark: ";
    case "warning":
      return ":warning: ";
    case "info":
      return ":information_source: ";
    default:
      return "";
  }
}

/** Cuts to Slack's limit for a field, saying so, rather than letting the API reject the message. */
export function limit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
