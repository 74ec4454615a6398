/**
 * Renders the neutral Reply as an Adaptive Card (1.5, as Microsoft's Universal Actions guidance asks
 * for Action.Execute and user-specific refresh): the title in the reply's tone colour, fields as a
 * FactSet, tables as one ColumnSet per row (rows stay aligned when a cell wraps) with widths from
 * their content, and on phone-width screens (`targetWidth`) as one stacked entry per row so no word
 * is broken; hints with the command in monospace; "Fix:" lines bold; details behind "More"
 * (Action.ToggleVisibility). People appear by name, times in each reader's zone. Long tables are cut
 * with a note, and the card stays under Teams' size limit instead of being refused.
 */
import {
  type Action,
  type Block,
  type Reply,
  replyToPlainText,
  type TableColumn,
} from "../../core/kernel/reply.js";
import { limit, plain as literal, statusStyle, toneColor, toneSymbol } from "./card-text.js";
import { teamsPeople } from "./people.js";

/** Literal card text with `teams:<tenant>:<aad>` ids shown as the person's name. */
function plain(text: string): string {
  return literal(teamsPeople.named(text));
}

/** Card text that may carry times: UTC times become Teams' DATE/TIME functions (reader's zone). */
function timed(text: string, now: Date = new Date()): string {
  return plain(text).replace(
    /\b(?:(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: UTC|Z)|(\d{2}):(\d{2}) UTC)\b/g,
    (whole, date?: string, h1?: string, m1?: string, s1?: string, h2?: string, m2?: string) => {
      const at = date
        ? new Date(`${date}T${h1}:${m1}:${s1 ?? "00"}Z`)
        : nearestUtcTime(Number(h2), Number(m2), now);
      if (Number.isNaN(at.getTime())) return whole;
      const iso = `${at.toISOString().slice(0, 19)}Z`;
      return date ? `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}` : `{{TIME(${iso})}}`;
    },
  );
}

/** A time of day given without a date means the one nearest now (an expiry, a due resume). */
function nearestUtcTime(hours: number, minutes: number, now: Date): Date {
  const day = 86_400_000;
  const base = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes);
  let best = base;
  for (const c of [base - day, base + day])
    if (Math.abs(c - now.getTime()) < Math.abs(best - now.getTime())) best = c;
  return new Date(best);
}

/** One Adaptive Card element or action, as JSON. */
export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardElement[];
  refresh?: { action: CardElement; userIds?: string[] };
  msteams?: { width: "Full" };
}

export interface RenderOptions {
  /** Table rows shown before the rest is summarised. */
  maxTableRows?: number;
  /** Renders an actions block; default: one Action.Execute per button (verb = its id, data = its value). */
  actions?: (block: Extract<Block, { type: "actions" }>) => CardElement[];
}

/** Previous/Next on a paged plan or approval request (see page-buttons.ts). */
export const PAGE_VERBS: ReadonlySet<string> = new Set(["page-previous", "page-next"]);

export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
/** As many rows as a page of `list`, so a card never cuts a page the reply already counted. */
const DEFAULT_TABLE_ROWS = 50;
/** Teams refuses messages over about 28 KB; the activity around the card needs some of that. */
const MAX_CARD_BYTES = 24_000;
const MAX_TEXT = 4_000;

export function renderCard(reply: Reply, options: RenderOptions = {}): AdaptiveCard {
  let rows = options.maxTableRows ?? DEFAULT_TABLE_ROWS;
  for (;;) {
    const card = build(reply, { ...options, maxTableRows: rows });
    if (JSON.stringify(card).length <= MAX_CARD_BYTES) return card;
    if (rows <= 5) return build(tooLarge(reply), options);
    rows = Math.floor(rows / 2);
  }
}

/** The card with a title line only: for "working on it" and other one-liners. */
export function noticeCard(text: string, tone: Reply["tone"] = "info"): AdaptiveCard {
  return renderCard({ ok: true, tone, visibility: "channel", blocks: [{ type: "text", text, tone }] });
}

/** Notification and screen-reader text: the title and the first line of text. */
export function summaryOf(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === "text");
  const parts = [reply.title, first?.type === "text" ? first.text : undefined].filter(Boolean);
  const text = parts.length ? parts.join(" — ") : (replyToPlainText(reply).split("\n")[0] ?? "");
  return limit(text || "Switchboard", 300);
}

function build(reply: Reply, options: RenderOptions): AdaptiveCard {
  const ids = { next: 0 };
  const body: CardElement[] = [];
  if (reply.title)
    body.push({
      type: "TextBlock",
      text: timed(`${toneSymbol(reply.tone)}${reply.title}`),
      size: "Medium",
      weight: "Bolder",
      wrap: true,
      ...color(toneColor(reply.tone)),
    });
  for (const block of reply.blocks) body.push(...renderBlock(block, options, ids));
  return { type: "AdaptiveCard", $schema: SCHEMA, version: "1.5", body, msteams: { width: "Full" } };
}

function renderBlock(block: Block, options: RenderOptions, ids: { next: number }): CardElement[] {
  switch (block.type) {
    case "text": {
      // A fix is what the reader acts on: bold and in the accent colour, never subtle grey.
      const fix = /^(Fix|Optional)\b[^:]{0,30}:/.test(block.text);
      return [
        {
          type: "TextBlock",
          text: timed(
            limit(
              `${block.tone && block.tone !== "neutral" ? toneSymbol(block.tone) : ""}${block.text}`,
              MAX_TEXT,
            ),
          ),
          wrap: true,
          ...color(toneColor(block.tone) ?? (fix ? "Accent" : undefined)),
          ...(fix ? { weight: "Bolder" } : {}),
        },
      ];
    }
    case "fields":
      return [
        {
          type: "FactSet",
          facts: block.fields.map((f) => ({
            title: plain(f.label),
            value: plain(f.kind === "status" ? `${statusStyle(f.value).symbol} ${f.value}` : f.value),
          })),
        },
      ];
    case "table":
      return renderTable(block.columns, block.rows, block.footer, options.maxTableRows ?? DEFAULT_TABLE_ROWS);
    case "hint":
      return [
        { type: "TextBlock", text: plain(`💡 ${block.text}`), wrap: true, isSubtle: true },
        ...(block.command
          ? [
              {
                type: "TextBlock",
                text: plain(block.command),
                wrap: true,
                fontType: "Monospace",
                spacing: "None",
              },
            ]
          : []),
      ];
    case "actions":
      return [{ type: "ActionSet", actions: options.actions?.(block) ?? executeActions(block) }];
    case "details": {
      ids.next += 1;
      const id = `details-${ids.next}`;
      return [
        {
          type: "ActionSet",
          actions: [
            {
              type: "Action.ToggleVisibility",
              // Some summaries already start with "More": never "More: More: …".
              title: limit(`More: ${block.summary.replace(/^more\s*:?\s*/i, "")}`, 80),
              targetElements: [id],
            },
          ],
        },
        {
          type: "Container",
          id,
          isVisible: false,
          items: block.blocks.flatMap((b) => renderBlock(b, options, ids)),
        },
      ];
    }
  }
}

/** Buttons the core offers, generically: the verb is the button's id and its value comes back as data. */
function executeActions(block: Extract<Block, { type: "actions" }>): CardElement[] {
  return block.actions.map((a) =>
    withConfirmStep(a, {
      type: "Action.Execute",
      title: limit(a.label, 40),
      verb: a.id,
      data: { value: a.value },
      ...(a.style ? { style: a.style === "primary" ? "positive" : "destructive" } : {}),
    }),
  );
}

/**
 * A button that asks "are you sure" first (bulk Confirm, Approve): Teams has no confirm dialog, so
 * the button opens a small card (Action.ShowCard) saying what will happen, whose one button
 * ("Yes, pause 120") is the real action.
 */
export function withConfirmStep(action: Action, execute: CardElement): CardElement {
  if (!action.confirm) return execute;
  return {
    type: "Action.ShowCard",
    title: limit(action.label, 40),
    ...(action.style ? { style: action.style === "primary" ? "positive" : "destructive" } : {}),
    card: {
      type: "AdaptiveCard",
      body: [
        { type: "TextBlock", text: plain(action.confirm.title), weight: "Bolder", wrap: true },
        { type: "TextBlock", text: plain(action.confirm.text), wrap: true },
      ],
      actions: [{ ...execute, title: limit(action.confirm.yes, 40) }],
    },
  };
}

function renderTable(
  columns: TableColumn[],
  rows: string[][],
  footer: string | undefined,
  maxRows: number,
): CardElement[] {
  const shown = rows.slice(0, maxRows);
  const weights = columnWeights(columns, shown);
  const row = (cells: CardElement[], header: boolean): CardElement => ({
    type: "ColumnSet",
    spacing: header ? "Medium" : "Small",
    ...(header ? { separator: true } : {}),
    columns: cells.map((items, i) => ({ type: "Column", width: weights[i] ?? 1, items: [items] })),
  });
  const cellText = (text: string, column: TableColumn | undefined): string => {
    const style = column?.kind === "status" ? statusStyle(text) : undefined;
    return style ? `${style.symbol} ${text}` : text;
  };
  const cell = (text: string, column: TableColumn | undefined, i: number): CardElement => {
    const style = column?.kind === "status" ? statusStyle(text) : undefined;
    return {
      type: "TextBlock",
      text: plain(cellText(text, column)),
      wrap: true,
      ...(i === 0 ? { weight: "Bolder" } : {}),
      ...color(style?.color),
      ...(column?.align === "right" ? { horizontalAlignment: "Right" } : {}),
    };
  };
  const wide: CardElement[] = [
    row(
      columns.map((c) => ({
        type: "TextBlock",
        text: plain(c.header),
        wrap: true,
        isSubtle: true,
        weight: "Bolder",
        ...(c.align === "right" ? { horizontalAlignment: "Right" } : {}),
      })),
      true,
    ),
    ...shown.map((r) =>
      row(
        columns.map((c, i) => cell(r[i] ?? "", c, i)),
        false,
      ),
    ),
  ];
  const out: CardElement[] = [];
  if (columns.length <= 2) out.push(...wide);
  else {
    // Several columns do not fit a phone: there each row is its first cell, then the rest on a line
    // ("on · predictive · Sales · 42%"), wrapping between words instead of inside them.
    out.push({ type: "Container", targetWidth: "atLeast:Standard", items: wide });
    out.push({
      type: "Container",
      targetWidth: "atMost:Narrow",
      separator: true,
      items: shown.map((r, n) => ({
        type: "Container",
        spacing: n === 0 ? "Medium" : "Small",
        items: [
          { type: "TextBlock", text: plain(r[0] ?? ""), wrap: true, weight: "Bolder" },
          {
            type: "TextBlock",
            text: plain(
              columns
                .slice(1)
                .map((c, i) => cellText(r[i + 1] ?? "", c))
                .filter(Boolean)
                .join(" · "),
            ),
            wrap: true,
            isSubtle: true,
            spacing: "None",
          },
        ],
      })),
    });
  }
  const notes: string[] = [];
  // The reply's own footer may already count ("Showing 1–50 of 300"): then say only what this card left out.
  if (rows.length > shown.length)
    notes.push(
      footer
        ? `${rows.length - shown.length} more rows of this answer did not fit in one Teams card.`
        : `Showing ${shown.length} of ${rows.length} rows.`,
    );
  if (footer) notes.push(footer);
  if (notes.length)
    out.push({ type: "TextBlock", text: plain(notes.join("\n")), wrap: true, isSubtle: true, size: "Small" });
  return out;
}

/**
 * Relative column widths from what the columns hold (the longest cell, within bounds), so a name
 * column is wide because names are long, not because it comes first; short columns stay narrow.
 */
function columnWeights(columns: TableColumn[], rows: string[][]): number[] {
  return columns.map((c, i) => {
    const longest = Math.max(
      c.header.length,
      ...rows.map((r) => (r[i] ?? "").length + (c.kind === "status" ? 2 : 0)),
    );
    return Math.min(Math.max(longest, 4), 28);
  });
}

/** What is left when even a short table does not fit: the text, and where to get the rest. */
function tooLarge(reply: Reply): Reply {
  const text = reply.blocks.filter((b) => b.type === "text").slice(0, 3);
  return {
    ...reply,
    blocks: [
      ...text,
      {
        type: "text",
        text: "The answer is too long for one Teams message. Narrow it: ask for fewer items at a time.",
      },
    ],
  };
}

function color(value: string | undefined): { color?: string } {
  return value ? { color: value } : {};
}
