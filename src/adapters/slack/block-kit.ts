/**
 * Renders the neutral Reply as a Slack message: Block Kit blocks plus the plain `text` Slack shows
 * in notifications. Tables become one readable line per row (first column bold, statuses with
 * emoji); long ones are cut with a "showing N of M" note (plans and approvals page themselves, so
 * nothing they would change is ever cut), and the whole message stays inside Slack's
 * limits (50 blocks, 3000 characters per section) instead of being refused by the API.
 */
import type { types } from "@slack/bolt";
import { type Block, type Reply, replyToPlainText, type TableColumn } from "../../core/kernel/reply.js";
import { code, limit, mrkdwn, toneEmoji, withStatus } from "./mrkdwn.js";
import { requestButtonValue } from "./request-button.js";

type KnownBlock = types.KnownBlock;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Table rows shown before the rest is summarised. */
  maxTableRows?: number;
  /** The app's slash command, put before suggested commands so they can be typed as shown. */
  slashCommand?: string;
}

const MAX_BLOCKS = 50;
const SECTION_MAX = 3000;
/**
 * Slack folds a long section behind "See more" well before its 3000-character limit, so text and
 * tables are split into sections of about this size, on line boundaries.
 */
const SECTION_SOFT = 1200;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const CONTEXT_MAX = 2000;
const DEFAULT_TABLE_ROWS = 40;

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const out: KnownBlock[] = [];
  if (reply.title) out.push(section(`${toneEmoji(reply.tone)}*${mrkdwn(reply.title)}*`));
  for (const block of reply.blocks) out.push(...renderBlock(block, options));
  return { text: fallbackText(reply), blocks: withinBlockLimit(out) };
}

/** A command button's value: what comes back on a click (`confirm` + `B7K2QX`). */
function buttonValue(action: { id: string; value: string }): string {
  return action.value.startsWith(`${action.id} `) ? action.value.slice(action.id.length + 1) : action.value;
}

function renderBlock(block: Block, options: RenderOptions): KnownBlock[] {
  switch (block.type) {
    case "text":
      return sections(
        `${block.tone && block.tone !== "neutral" ? toneEmoji(block.tone) : ""}${mrkdwn(block.text)}`.split(
          "\n",
        ),
      );
    case "fields":
      return chunk(block.fields, FIELDS_PER_SECTION).map((fields) => ({
        type: "section",
        fields: fields.map((f) => ({
          type: "mrkdwn",
          text: limit(
            `*${mrkdwn(f.label)}*\n${f.kind === "status" ? withStatus(f.value) : mrkdwn(f.value)}`,
            FIELD_MAX,
          ),
        })),
      }));
    case "table":
      return renderTable(block.columns, block.rows, block.footer, options.maxTableRows ?? DEFAULT_TABLE_ROWS);
    case "hint":
      return [
        section(
          `:bulb: ${mrkdwn(block.text)}${block.command ? ` ${code(asTyped(block.command, options.slashCommand ?? "/campaign"))}` : ""}`,
        ),
      ];
    case "actions":
      return [
        {
          type: "actions",
          elements: block.actions.map((a) => ({
            type: "button",
            action_id: a.id,
            text: { type: "plain_text", text: limit(a.label, 75) },
            value: a.requestId !== undefined ? requestButtonValue(a.requestId) : buttonValue(a),
            ...(a.style ? { style: a.style } : {}),
            // Slack's own confirmation dialog: the click is sent only after "yes".
            ...(a.confirm
              ? {
                  confirm: {
                    title: { type: "plain_text", text: limit(a.confirm.title, 100) },
                    text: { type: "plain_text", text: limit(a.confirm.text, 300) },
                    confirm: { type: "plain_text", text: limit(a.confirm.yes, 30) },
                    deny: { type: "plain_text", text: limit(a.confirm.no, 30) },
                  },
                }
              : {}),
          })),
        },
      ];
    case "details":
      // Block Kit cannot collapse; small grey context text keeps the detail out of the way.
      return [context(`*${mrkdwn(block.summary)}*\n${block.blocks.map(plainLines).join("\n")}`)];
  }
}

function renderTable(
  columns: TableColumn[],
  rows: string[][],
  footer: string | undefined,
  maxRows: number,
): KnownBlock[] {
  const out: KnownBlock[] = [context(columns.map((c) => mrkdwn(c.header)).join("  ·  "))];
  const shown = rows.slice(0, maxRows);
  const lines = shown.map((row) =>
    columns
      .map((column, i) => {
        const cell = row[i] ?? "";
        if (column.kind === "status") return withStatus(cell);
        return i === 0 ? `*${mrkdwn(cell)}*` : mrkdwn(cell);
      })
      .join("  ·  "),
  );
  out.push(...sections(lines));
  const notes: string[] = [];
  if (rows.length > shown.length) notes.push(`Showing ${shown.length} of ${rows.length} rows.`);
  if (footer) notes.push(mrkdwn(footer));
  if (notes.length) out.push(context(notes.join("\n")));
  return out;
}

/** Keeps a message inside Slack's block limit, saying what was left out. */
function withinBlockLimit(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  kept.push(
    context(
      `…${blocks.length - kept.length} more parts not shown. Narrow it: ask for fewer items at a time.`,
    ),
  );
  return kept;
}

/** Notification text (and what screen readers announce): the title and the first line of text. */
function fallbackText(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === "text");
  const parts = [reply.title, first?.type === "text" ? first.text : undefined].filter(Boolean);
  const text = parts.length ? parts.join(" — ") : (replyToPlainText(reply).split("\n")[0] ?? "");
  return limit(mrkdwn(text) || "Switchboard", 300);
}

function plainLines(block: Block): string {
  return mrkdwn(replyToPlainText({ ok: true, tone: "neutral", visibility: "ephemeral", blocks: [block] }));
}

/** Lines packed into sections that each stay under Slack's "See more" fold. */
function sections(lines: string[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines.flatMap(wrapLong)) {
    if (size + line.length + 1 > SECTION_SOFT && current.length) {
      out.push(section(current.join("\n")));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length) out.push(section(current.join("\n")));
  return out;
}

/** A line longer than a section's soft size, cut at spaces (or hard, for one unbroken word). */
function wrapLong(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > SECTION_SOFT) {
    const space = rest.lastIndexOf(" ", SECTION_SOFT);
    const at = space > SECTION_SOFT / 2 ? space : SECTION_SOFT;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

/**
 * A chat command as a Slack user types it (`/campaign help pause`); operator commands
 * (`switchboard …`) and ones already slashed are left as they are.
 */
function asTyped(command: string, slash: string): string {
  // Some hints offer two commands at once (`approve X  /  deny X [reason]`).
  return command
    .split("  /  ")
    .map((one) => (one.startsWith("/") || /^(switchboard|npx|npm)\s/.test(one) ? one : `${slash} ${one}`))
    .join("  /  ");
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: limit(text, SECTION_MAX) } };
}

function context(text: string): KnownBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: limit(text, CONTEXT_MAX) }] };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
