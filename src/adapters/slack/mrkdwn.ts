/**
 * Slack mrkdwn helpers: escaping, status and tone emoji, length limits. Core replies hold plain text;
 * everything Slack-specific about how that text looks is decided here.
 */
import type { Tone } from "../../core/kernel/reply.js";

/**
 * Slack has no escape for its emphasis markers, so in names and user text they become look-alikes a
 * reader cannot tell apart: `*Q4*` stays `*Q4*` to the eye instead of turning bold. Markers between
 * two letters or digits (`grant_type`, `a*b`) cannot open or close emphasis and are left alone. The
 * Slack invocation maps the look-alikes back, so a name copied from a message still resolves.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = { "*": "∗", _: "ˍ", "~": "∼", "`": "ˋ" };

function neutralise(text: string): string {
  return text.replace(/[*_~`]/g, (marker, at: number, whole: string) => {
    const inWord = /[\p{L}\p{N}]/u.test(whole[at - 1] ?? "") && /[\p{L}\p{N}]/u.test(whole[at + 1] ?? "");
    return marker !== "`" && inWord ? marker : (LOOK_ALIKES[marker] ?? marker);
  });
}

/** Text with the look-alikes from {@link neutralise} turned back into what was typed. */
export function restoreLookAlikes(text: string): string {
  let out = text;
  for (const [marker, lookAlike] of Object.entries(LOOK_ALIKES)) out = out.replaceAll(lookAlike, marker);
  return out;
}

/**
 * Escapes the three characters Slack treats as control syntax, neutralises emphasis markers, turns
 * chat identities of this platform (`slack:T1:U2`) into mentions (Slack shows the name and notifies
 * the person), and times into each reader's own time zone.
 */
export function mrkdwn(text: string): string {
  return localTimes(neutralise(escapeControl(text))).replace(/\bslack:[A-Z0-9]+:([UW][A-Z0-9]+)\b/g, "<@$1>");
}

function escapeControl(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Inline code: formatting is already off inside, so only backticks (which would end it early) become
 * a look-alike. Mentions and times stay as typed, since the reader may copy the command.
 */
export function code(text: string): string {
  return `\`${escapeControl(text).replaceAll("`", "ˋ")}\``;
}

/**
 * `2026-12-04 17:40 UTC`, `17:40 UTC` and ISO instants become Slack's date token, which each reader
 * sees in their own time zone (the UTC text stays as the fallback for clients that cannot).
 */
export function localTimes(text: string, now: Date = new Date()): string {
  return text.replace(
    /\b(?:(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: UTC|Z)|(\d{2}):(\d{2}) UTC)\b/g,
    (whole, date?: string, h1?: string, m1?: string, s1?: string, h2?: string, m2?: string) => {
      const at = date
        ? new Date(`${date}T${h1}:${m1}:${s1 ?? "00"}Z`)
        : nearestUtcTime(Number(h2), Number(m2), now);
      if (Number.isNaN(at.getTime())) return whole;
      const epoch = Math.floor(at.getTime() / 1000);
      const format = date ? "{date_short_pretty} {time}" : "{time}";
      return `<!date^${epoch}^${format}|${whole}>`;
    },
  );
}

/** A time of day given without a date means the one nearest now (an expiry, a due resume). */
function nearestUtcTime(hours: number, minutes: number, now: Date): Date {
  const day = 86_400_000;
  const base = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes);
  const candidates = [base - day, base, base + day];
  let best = base;
  for (const c of candidates) if (Math.abs(c - now.getTime()) < Math.abs(best - now.getTime())) best = c;
  return new Date(best);
}

/** Campaign status with an emoji a reader can scan down a list. */
function statusEmoji(status: string): string {
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
