/**
 * The neutral reply every command returns. Adapters render it: Block Kit (Slack), Adaptive Cards
 * (Teams), ANSI text (shell). It holds plain text only; renderers add emphasis, emoji and colour.
 */
export type Tone = "neutral" | "info" | "success" | "warning" | "error";

export interface TableColumn {
  header: string;
  align?: "left" | "right";
  /** `status` cells hold a campaign status; renderers decorate them (emoji, colour). */
  kind?: "text" | "status";
}

export type Block =
  | { type: "text"; text: string; tone?: Tone }
  | { type: "fields"; fields: { label: string; value: string; kind?: "text" | "status" }[] }
  | { type: "table"; columns: TableColumn[]; rows: string[][]; footer?: string }
  /** What to type next: rendered as a command the user can copy. */
  | { type: "hint"; text: string; command?: string }
  /** Buttons (approve/deny…); `value` is opaque to adapters and comes back on click. */
  | { type: "actions"; actions: Action[] }
  /** Secondary detail, collapsed where the platform can ("more"). */
  | { type: "details"; summary: string; blocks: Block[] };

/** A button. `confirm`: an "are you sure" step before the click counts (bulk Confirm and Approve). */
export interface Action {
  id: string;
  label: string;
  style?: "primary" | "danger";
  value: string;
  /**
   * The approval request an Approve/Deny button decides, as its own field: adapters carry it
   * structured (Slack's `value`, Teams' `data`) and read it back without picking apart `value`.
   */
  requestId?: string;
  confirm?: { title: string; text: string; yes: string; no: string };
}

export interface Reply {
  ok: boolean;
  tone: Tone;
  title?: string;
  blocks: Block[];
  /** Queries answer only the caller; changes are posted for the channel to see. */
  visibility: "ephemeral" | "channel";
}

export function reply(partial: Partial<Reply> & { blocks: Block[] }): Reply {
  return { ok: true, tone: "neutral", visibility: "ephemeral", ...partial };
}

export function errorReply(
  message: string,
  options: { hint?: string; command?: string; details?: string[]; title?: string } = {},
): Reply {
  const blocks: Block[] = [{ type: "text", text: message, tone: "error" }];
  for (const line of options.details ?? []) blocks.push({ type: "text", text: line });
  if (options.hint || options.command)
    blocks.push({ type: "hint", text: options.hint ?? "Try:", command: options.command });
  return { ok: false, tone: "error", title: options.title, blocks, visibility: "ephemeral" };
}

/** Every text a reply would show, one string per line: for logs, plain-text fallbacks and tests. */
export function replyToPlainText(r: Reply): string {
  const lines: string[] = [];
  if (r.title) lines.push(r.title);
  const walk = (blocks: Block[]): void => {
    for (const b of blocks) {
      switch (b.type) {
        case "text":
          lines.push(b.text);
          break;
        case "fields":
          for (const f of b.fields) lines.push(`${f.label}: ${f.value}`);
          break;
        case "table":
          lines.push(b.columns.map((c) => c.header).join(" | "));
          for (const row of b.rows) lines.push(row.join(" | "));
          if (b.footer) lines.push(b.footer);
          break;
        case "hint":
          lines.push(b.command ? `${b.text} ${b.command}` : b.text);
          break;
        case "actions":
          lines.push(b.actions.map((a) => `[${a.label}]`).join(" "));
          break;
        case "details":
          lines.push(b.summary);
          walk(b.blocks);
          break;
      }
    }
  };
  walk(r.blocks);
  return lines.join("\n");
}
