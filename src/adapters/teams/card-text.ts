/**
 * Text inside Adaptive Cards. TextBlock and FactSet values are read as a Markdown subset (bold,
 * italic, lists, links). Backslash escapes are not an answer: Teams mobile has shown them literally.
 * So what could format is neutralised without one: emphasis markers that could open or close
 * emphasis become look-alikes (`*` ∗, `_` ˍ, backtick ˋ), a link's `](` gets a zero-width space, and
 * a list marker at a line's start is followed by a no-break space (Markdown needs a real space).
 * An underscore inside a word (`grant_type`) cannot format and stays. Typed commands map the look-alikes
 * back (invocation.ts), so a name copied from a card still resolves.
 */
import type { Tone } from "../../core/kernel/reply.js";

const LOOK_ALIKES: Readonly<Record<string, string>> = { "*": "∗", _: "ˍ", "`": "ˋ" };
const WORD = /[\p{L}\p{N}]/u;

export function plain(text: string): string {
  return text
    .replace(/[*_`]/g, (marker, at: number, whole: string) => {
      const inWord = WORD.test(whole[at - 1] ?? "") && WORD.test(whole[at + 1] ?? "");
      // CommonMark lets `*` emphasise inside a word (a*b c*d) but never `_`.
      return marker === "_" && inWord ? marker : (LOOK_ALIKES[marker] ?? marker);
    })
    .replaceAll("](", "]\u200B(")
    .replace(/^(\s*)([-+]|\d+\.)[ \t]/gm, (_m, space: string, marker: string) => `${space}${marker}\u00A0`);
}

/** Text with the look-alikes {@link plain} shows turned back into what was typed. */
export function restoreLookAlikes(text: string): string {
  let out = text.replaceAll("\u200B", "");
  for (const [marker, lookAlike] of Object.entries(LOOK_ALIKES)) out = out.replaceAll(lookAlike, marker);
  return out;
}

/** Adaptive Card colours for the core's tones: good, warning and attention read as status everywhere. */
export function toneColor(tone: Tone | undefined): string | undefined {
  switch (tone) {
    case "success":
      return "Good";
    case "warning":
      return "Warning";
    case "error":
      return "Attention";
    case "info":
      return "Accent";
    default:
      return undefined;
  }
}

/** A symbol next to the colour, so the meaning survives high-contrast themes and screen readers. */
export function toneSymbol(tone: Tone | undefined): string {
  switch (tone) {
    case "success":
      return "✅ ";
    case "warning":
      return "⚠️ ";
    case "error":
      return "❌ ";
    case "info":
      return "ℹ️ ";
    default:
      return "";
  }
}

/** A campaign status: its colour and a symbol a reader can scan down a list. */
export function statusStyle(status: string): { color?: string; symbol: string } {
  const s = status.toLowerCase();
  if (s === "on") return { color: "Good", symbol: "🟢" };
  if (s.includes("stopping")) return { color: "Warning", symbol: "⏳" };
  if (s === "off") return { symbol: "⚫" };
  if (s === "complete") return { symbol: "🏁" };
  if (s === "invalid") return { color: "Attention", symbol: "🔴" };
  return { symbol: "⚪" };
}

/** Cuts to a limit, saying so. */
export function limit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
