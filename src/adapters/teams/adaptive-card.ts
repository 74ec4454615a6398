/**
 * Renders the neutral Reply as an Adaptive Card (1.4: what Teams renders everywhere and the first
 * version with Action.Execute): the title in the reply's tone colour, fields as a FactSet, tables as
 * one ColumnSet per row (rows stay aligned when a cell wraps), hints with the command in monospace,
 * details collapsed behind "More" (Action.ToggleVisibility). Long tables are cut with a note, and
 * the card stays under Teams' message size limit instead of being refused by the Bot Connector.
 */
import { type Block, type Reply, replyToPlainText, type TableColumn } from "../../core/reply.js";
import { limit, plain, statusStyle, toneColor, toneSymbol } from "./card-text.js";

/** One Adaptive Card element or action, as JSON. */
export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardElement[];
  refresh?: { action: CardElement };
  msteams?: { width: "Full" };
}

export interface RenderOptions {
  /** Table rows shown before the rest is summarised. */
  maxTableRows?: number;
  /** Renders an actions block; default: one Action.Execute per button (verb = its id, data = its value). */
  actions?: (block: Extract<Block, { type: "actions" }>) => CardElement[];
}

export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
const DEFAULT_TABLE_ROWS = 40;
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
      text: plain(`${toneSymbol(reply.tone)}${reply.title}`),
      size: "Medium",
      weight: "Bolder",
      wrap: true,
      ...color(toneColor(reply.tone)),
    });
  for (const block of reply.blocks) body.push(...renderBlock(block, options, ids));
  return { type: "AdaptiveCard", $schema: SCHEMA, version: "1.4", body, msteams: { width: "Full" } };
}

function renderBlock(block: Block, options: RenderOptions, ids: { next: number }): CardElement[] {
  switch (block.type) {
    case "text":
      return [
        {
          type: "TextBlock",
          text: plain(
            limit(
              `${block.tone && block.tone !== "neutral" ? toneSymbol(block.tone) : ""}${block.text}`,
              MAX_TEXT,
            ),
          ),
          wrap: true,
          ...color(toneColor(block.tone)),
        },
      ];
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
              title: limit(`More: ${block.summary}`, 80),
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
  return block.actions.map((a) => ({
    type: "Action.Execute",
    title: limit(a.label, 40),
    verb: a.id,
    data: { value: a.value },
    ...(a.style ? { style: a.style === "primary" ? "positive" : "destructive" } : {}),
  }));
}

function renderTable(
  columns: TableColumn[],
  rows: string[][],
  footer: string | undefined,
  maxRows: number,
): CardElement[] {
  const shown = rows.slice(0, maxRows);
  // Weights rather than "auto": every row is its own ColumnSet, and equal weights keep them aligned.
  const width = (i: number) => (i === 0 ? 3 : 2);
  const row = (cells: CardElement[], header: boolean): CardElement => ({
    type: "ColumnSet",
    spacing: header ? "Medium" : "Small",
    ...(header ? { separator: true } : {}),
    columns: cells.map((items, i) => ({ type: "Column", width: width(i), items: [items] })),
  });
  const cell = (text: string, column: TableColumn | undefined, i: number): CardElement => {
    const style = column?.kind === "status" ? statusStyle(text) : undefined;
    return {
      type: "TextBlock",
      text: plain(style ? `${style.symbol} ${text}` : text),
      wrap: true,
      ...(i === 0 ? { weight: "Bolder" } : {}),
      ...color(style?.color),
      ...(column?.align === "right" ? { horizontalAlignment: "Right" } : {}),
    };
  };
  const out: CardElement[] = [
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
  const notes: string[] = [];
  if (rows.length > shown.length)
    notes.push(
      `Showing ${shown.length} of ${rows.length}. Narrow it: add a filter to the command (e.g. a part of the name).`,
    );
  if (footer) notes.push(footer);
  if (notes.length)
    out.push({ type: "TextBlock", text: plain(notes.join("\n")), wrap: true, isSubtle: true, size: "Small" });
  return out;
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
