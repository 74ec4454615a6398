/**
 * Renders the neutral Reply as terminal text: aligned tables, labelled fields, coloured statuses.
 * Colour only when asked (a TTY without NO_COLOR); piped output stays plain for scripts and tests.
 */
import type { Block, Reply, TableColumn, Tone } from "../../core/kernel/reply.js";

const CODES = {
  reset: 0,
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  cyan: 36,
  gray: 90,
} as const;
type Style = keyof typeof CODES;

export interface RenderOptions {
  color: boolean;
  /**
   * The terminal's width: a table wider than it has its widest columns cut with "…" to fit.
   * Undefined (piped output, files, tests) shows every cell in full.
   */
  width?: number;
}

/** The width to render for on stdout: the terminal's when it is one, none when piped. */
export function stdoutWidth(): number | undefined {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : undefined;
}

export function renderReply(reply: Reply, options: RenderOptions): string {
  const paint = (text: string, ...styles: Style[]) =>
    options.color && styles.length
      ? `${styles.map((s) => `\x1b[${CODES[s]}m`).join("")}${text}\x1b[0m`
      : text;
  const lines: string[] = [];
  if (reply.title) lines.push(paint(reply.title, "bold"));
  renderBlocks(reply.blocks, lines, paint, options, reply.tone);
  return lines.join("\n");
}

type Paint = (text: string, ...styles: Style[]) => string;

function renderBlocks(
  blocks: Block[],
  lines: string[],
  paint: Paint,
  options: RenderOptions,
  tone: Tone,
): void {
  for (const block of blocks) {
    switch (block.type) {
      case "text": {
        const t = block.tone ?? "neutral";
        const prefix = t === "error" ? "✗ " : t === "success" ? "✓ " : t === "warning" ? "! " : "";
        lines.push(paint(`${prefix}${block.text}`, ...toneStyles(t)));
        break;
      }
      case "fields": {
        const width = Math.max(...block.fields.map((f) => f.label.length));
        for (const f of block.fields) {
          const value = f.kind === "status" ? paintStatus(f.value, paint) : f.value;
          lines.push(`  ${paint(f.label.padEnd(width), "dim")}  ${value}`);
        }
        break;
      }
      case "table":
        lines.push(...renderTable(block.columns, block.rows, paint, options.width));
        if (block.footer) lines.push(paint(block.footer, "dim"));
        break;
      case "hint":
        lines.push(`${paint(block.text, "cyan")}${block.command ? ` ${paint(block.command, "bold")}` : ""}`);
        break;
      case "actions":
        lines.push(
          block.actions.map((a) => paint(`[${a.label}]`, a.style === "danger" ? "red" : "green")).join(" "),
        );
        break;
      case "details":
        lines.push(paint(block.summary, "dim"));
        renderBlocks(block.blocks, lines, paint, options, tone);
        break;
    }
  }
}

function toneStyles(tone: Tone): Style[] {
  switch (tone) {
    case "error":
      return ["red"];
    case "success":
      return ["green"];
    case "warning":
      return ["yellow"];
    case "info":
      return ["cyan"];
    default:
      return [];
  }
}

function paintStatus(status: string, paint: Paint): string {
  const style: Style =
    status === "on"
      ? "green"
      : status.includes("stopping")
        ? "yellow"
        : status === "complete"
          ? "blue"
          : status === "off"
            ? "gray"
            : "red";
  return paint(status, style);
}

/** Display width, counting wide (CJK, emoji) characters as two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w +=
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        cp >= 0x1f300)
        ? 2
        : 1;
  }
  return w;
}

/**
 * Column widths that fit `terminal` columns (two spaces between columns): the widest column gives
 * way first, a column at a time, down to a floor of 10; short columns (statuses, modes) stay whole.
 */
export function fitColumns(natural: number[], terminal: number): number[] {
  const widths = [...natural];
  const budget = terminal - 2 * Math.max(0, widths.length - 1) - 1;
  const total = () => widths.reduce((a, b) => a + b, 0);
  while (total() > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 10) break;
    widths[widest] = Math.max(10, (widths[widest] ?? 0) - (total() - budget));
  }
  return widths;
}

function cut(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function renderTable(
  columns: TableColumn[],
  rows: string[][],
  paint: Paint,
  terminal: number | undefined,
): string[] {
  const natural = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ""))),
  );
  const limits = terminal ? fitColumns(natural, terminal) : natural;
  const cells = rows.map((r) => columns.map((_, i) => cut(r[i] ?? "", limits[i] ?? Number.MAX_SAFE_INTEGER)));
  const widths = columns.map((c, i) =>
    Math.max(Math.min(displayWidth(c.header), limits[i] ?? 0), ...cells.map((r) => displayWidth(r[i] ?? ""))),
  );
  const pad = (text: string, i: number) => {
    const gap = " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(text)));
    return columns[i]?.align === "right" ? gap + text : text + gap;
  };
  const out = [
    paint(
      columns
        .map((c, i) => pad(c.header, i))
        .join("  ")
        .trimEnd(),
      "bold",
    ),
  ];
  for (const row of cells) {
    out.push(
      row
        .map((cell, i) => {
          const padded = pad(cell, i);
          return columns[i]?.kind === "status" ? padded.replace(cell, paintStatus(cell, paint)) : padded;
        })
        .join("  ")
        .trimEnd(),
    );
  }
  return out;
}
