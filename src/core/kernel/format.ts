/** Small, platform-neutral formatting helpers shared by commands. */

export function percent(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return "–";
  return `${Math.round(n)}%`;
}

export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 59.5) return `${s.toFixed(s < 9.95 ? 1 : 0)} s`;
  // Round once, to whole seconds, before splitting: 14 min 59.6 s is 15 min, never "14 min 60 s".
  const total = Math.round(s);
  const m = Math.floor(total / 60);
  if (m < 60) return `${m} min${total % 60 ? ` ${total % 60} s` : ""}`;
  const h = Math.floor(m / 60);
  return `${h} h${m % 60 ? ` ${m % 60} min` : ""}`;
}

/** "3 min ago", "2 h ago", or an ISO date for anything older than a day. */
export function ago(then: Date, now: Date): string {
  const ms = now.getTime() - then.getTime();
  if (ms < 45_000) return "just now";
  if (ms < 86_400_000) return `${durationText(ms).replace(/ \d+ s$/, "")} ago`;
  return utcText(then);
}

/**
 * A moment as every reply shows one: "17:40 UTC" today, "2026-12-06 17:40 UTC" on another day
 * (relative to `now`; without it, always with the date). Never a raw ISO timestamp.
 */
export function utcText(at: Date | string, now?: Date): string {
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  const iso = date.toISOString();
  const sameDay = now !== undefined && iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return `${sameDay ? "" : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

/** The first whole minute at or after `at`: "retry at 14:06" must never be before the wait ends. */
export function minuteAfter(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
}

/** Statuses in which a campaign is (or may still be) dialing. */
export const DIALING_STATUSES = new Set(["on", "stopping", "forced_stopping"]);
