/**
 * Text inside Adaptive Cards. TextBlock and FactSet values are read as a CommonMark subset, so a
 * campaign called `Spring_Promo_2024` or a usage line with `[filter…]` would lose characters to
 * emphasis or links: plain text from the core is backslash-escaped here (CommonMark's own escape).
 */
import type { Tone } from "../../core/reply.js";

export function plain(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, (_m, space: string, marker: string, after: string) =>
      marker.endsWith(".") ? `${space}${marker.slice(0, -1)}\\.${after}` : `${space}\\${marker}${after}`,
    );
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
