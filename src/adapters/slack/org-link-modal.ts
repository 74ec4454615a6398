/**
 * `/campaign org link` in Slack: a modal, so the OAuth client secret is typed into a form field and
 * never into a message (messages are stored, searchable and exported). Admins only. The submission
 * is checked field by field inside Slack's 3 s, then the credentials are probed with Genesys and the
 * org linked by the same core function the CLI uses. The secret is never echoed: not in the views
 * sent back, not in replies, not in logs.
 */
import type { App, SlashCommand, ViewSubmitAction, webApi } from "@slack/bolt";
import { withoutPrefix } from "../../core/dispatch/command-line.js";
import { tokenize } from "../../core/dispatch/tokenize.js";
import { isAppError } from "../../core/kernel/errors.js";
import { orgLinkCommand } from "../../core/kernel/hints.js";
import { type Reply, reply } from "../../core/kernel/reply.js";
import { checkLinkInput, type LinkInputField, linkOrg } from "../../core/orgs/org-link.js";
import { renderReply } from "./block-kit.js";
import { commandKey, firstDelivery, viewKey } from "./delivery-keys.js";
import { slackIdentity } from "./invocation.js";
import { slackCall } from "./slack-call.js";
import type { SlackContext } from "./slack-context.js";

const ORG_LINK_MODAL = "org_link";

const BLOCK: Record<LinkInputField, string> = {
  slug: "slug",
  region: "region",
  clientId: "client_id",
  clientSecret: "client_secret",
};

/** `org link [slug]` (after an optional `campaign` prefix), or undefined for any other command. */
export function orgLinkRequest(text: string): { slug?: string } | undefined {
  let words: string[];
  try {
    // The core's words (its prefix rule, its quoting): not a chat command, so not in its command table.
    words = withoutPrefix(tokenize(text)).map((t) => t.value);
  } catch {
    return undefined; // not a line that parses: the dispatcher's validate says why
  }
  if (words[0]?.toLowerCase() !== "org" || words[1]?.toLowerCase() !== "link") return undefined;
  return { slug: words[2]?.toLowerCase() };
}

type Ack = (body?: { response_type: "ephemeral"; text: string; blocks: unknown[] }) => Promise<void>;

/** The slash command half: refuse non-admins in the ack, open the form for admins. */
export async function startOrgLink(
  ctx: SlackContext,
  o: { command: SlashCommand; ack: Ack; client: webApi.WebClient; slug?: string },
): Promise<void> {
  const { command } = o;
  if (!ctx.services.isAdmin(slackIdentity(command.team_id, command.user_id))) {
    await o.ack({ response_type: "ephemeral", ...renderReply(notAdmin()) });
    return;
  }
  await o.ack();
  ctx.tasks.run(async () => {
    if (!(await firstDelivery(ctx, commandKey(command.team_id, command.trigger_id)))) return;
    await slackCall(ctx.logger, "views.open", () =>
      o.client.views.open({
        trigger_id: command.trigger_id,
        view: linkForm(ctx, { slug: o.slug, channel: command.channel_id }),
      }),
    );
  });
}

export function registerOrgLinkModal(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(ORG_LINK_MODAL, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? "";
    const actor = slackIdentity(teamId, body.user.id);
    const values = view.state.values;
    const input = {
      slug: (values[BLOCK.slug]?.value?.value ?? "").trim().toLowerCase(),
      region: values[BLOCK.region]?.value?.selected_option?.value ?? "",
      clientId: (values[BLOCK.clientId]?.value?.value ?? "").trim(),
      clientSecret: (values[BLOCK.clientSecret]?.value?.value ?? "").trim(),
    };
    if (!ctx.services.isAdmin(actor)) {
      await ack({ response_action: "update", view: resultView(notAdmin()) });
      return;
    }
    const problems = checkLinkInput(ctx.services, input);
    if (problems.length) {
      await ack({
        response_action: "errors",
        errors: Object.fromEntries(problems.map((p) => [BLOCK[p.field], p.message])),
      });
      return;
    }
    await ack({
      response_action: "update",
      view: resultView(
        reply({
          tone: "info",
          blocks: [{ type: "text", text: `Checking the credentials for ${input.slug} with Genesys…` }],
        }),
      ),
    });
    ctx.tasks.run(async () => {
      if (!(await firstDelivery(ctx, viewKey(teamId, view.id, body.trigger_id)))) return;
      const channel = channelOf(view.private_metadata);
      const outcome = await link(ctx, input, { id: actor, platform: "slack", channel });
      const shown = await slackCall(ctx.logger, "views.update", () =>
        client.views.update({ view_id: view.id, view: resultView(outcome) }),
      );
      // The user may have closed the modal meanwhile: tell them where they typed the command.
      if (!shown && channel)
        await slackCall(ctx.logger, "chat.postEphemeral", () =>
          client.chat.postEphemeral({ channel, user: body.user.id, ...renderReply(outcome) }),
        );
    });
  });
}

async function link(
  ctx: SlackContext,
  input: { slug: string; region: string; clientId: string; clientSecret: string },
  actor: { id: string; platform: string; channel: string },
): Promise<Reply> {
  try {
    const result = await linkOrg(ctx.services, input, actor);
    if (!result.ok)
      return reply({
        ok: false,
        tone: "error",
        blocks: [
          { type: "text", tone: "error", text: `${result.message} Nothing was linked.` },
          { type: "hint", text: result.hint },
        ],
      });
    return reply({
      tone: "success",
      blocks: [
        {
          type: "text",
          tone: "success",
          text: `Linked ${result.org.slug} → ${result.organization.name} (${result.organization.id}) in ${result.org.region} with client ${result.org.clientId}.`,
        },
        { type: "hint", text: "Check it:", command: `org test ${result.org.slug}` },
      ],
    });
  } catch (e) {
    // Store outages and the like: say so without internals (the logs carry the detail, never the secret).
    ctx.logger.error(
      { err: isAppError(e) ? e.code : e instanceof Error ? e.name : "error" },
      "org link failed",
    );
    return reply({
      ok: false,
      tone: "error",
      blocks: [
        {
          type: "text",
          tone: "error",
          text: isAppError(e) ? e.userMessage : "Linking failed on Switchboard's side; nothing was linked.",
        },
      ],
    });
  }
}

function notAdmin(): Reply {
  return reply({
    ok: false,
    tone: "error",
    blocks: [
      { type: "text", tone: "error", text: "Only Switchboard admins can link orgs." },
      {
        type: "hint",
        text: "Ask an admin, or link from a terminal:",
        command: orgLinkCommand(),
      },
    ],
  });
}

function linkForm(ctx: SlackContext, o: { slug?: string; channel: string }) {
  const text = (label: string, block: string, hint: string, initial?: string) => ({
    type: "input" as const,
    block_id: block,
    label: { type: "plain_text" as const, text: label },
    hint: { type: "plain_text" as const, text: hint },
    element: {
      type: "plain_text_input" as const,
      action_id: "value",
      ...(initial ? { initial_value: initial } : {}),
    },
  });
  return {
    type: "modal" as const,
    callback_id: ORG_LINK_MODAL,
    private_metadata: JSON.stringify({ channel: o.channel }),
    title: { type: "plain_text" as const, text: "Link a Genesys org" },
    submit: { type: "plain_text" as const, text: "Link" },
    close: { type: "plain_text" as const, text: "Cancel" },
    blocks: [
      {
        type: "section" as const,
        text: {
          type: "mrkdwn" as const,
          text: "Switchboard acts in the org with this OAuth client (Client Credentials grant). The secret is checked with Genesys, stored encrypted, and never shown again.",
        },
      },
      text(
        "Org slug",
        BLOCK.slug,
        "How commands name the org: lowercase letters, digits, dashes (e.g. acme).",
        o.slug,
      ),
      {
        type: "input" as const,
        block_id: BLOCK.region,
        label: { type: "plain_text" as const, text: "Genesys Cloud region" },
        element: {
          type: "static_select" as const,
          action_id: "value",
          placeholder: { type: "plain_text" as const, text: "Region" },
          options: ctx.services.genesys.regions().map((r) => ({
            text: { type: "plain_text" as const, text: `${r.key} (${r.loginHost.replace(/^login\./, "")})` },
            value: r.key,
          })),
        },
      },
      text("OAuth client id", BLOCK.clientId, "Admin > Integrations > OAuth in Genesys Cloud."),
      text(
        "Client secret",
        BLOCK.clientSecret,
        "Typed here only; Slack keeps form fields out of the conversation.",
      ),
    ],
  };
}

function resultView(r: Reply) {
  return {
    type: "modal" as const,
    callback_id: `${ORG_LINK_MODAL}_result`,
    title: { type: "plain_text" as const, text: "Link a Genesys org" },
    close: { type: "plain_text" as const, text: "Close" },
    blocks: renderReply(r).blocks,
  };
}

function channelOf(metadata: string): string {
  try {
    const v: unknown = JSON.parse(metadata);
    const channel = typeof v === "object" && v !== null ? (v as Record<string, unknown>).channel : undefined;
    return typeof channel === "string" ? channel : "";
  } catch {
    return "";
  }
}
