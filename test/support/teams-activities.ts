/**
 * Teams-shaped inbound activities, as the Bot Connector POSTs them to /api/messages: a channel
 * message with the bot's @mention, a personal-chat message, and the `adaptiveCard/action` invoke an
 * Action.Execute button sends.
 */
import { randomUUID } from "node:crypto";

/** Upper case on purpose: identities must come out lower-cased whatever Teams sends. */
export const TENANT = "6B3A5C1E-0F2D-4C8B-9A7E-1D2C3B4A5F60";
export const BOT_APP_ID = "11111111-2222-4333-8444-555555555555";
export const CHANNEL = "19:ops0123456789abcdef@thread.tacv2";

export interface TeamsUser {
  name: string;
  aadObjectId: string;
  /** The Teams user id (`29:…`), distinct from the AAD object id. */
  id: string;
}

export const ann: TeamsUser = {
  name: "Ann",
  aadObjectId: "A1A1A1A1-0000-4000-8000-00000000000A",
  id: "29:ann",
};
export const ben: TeamsUser = {
  name: "Ben",
  aadObjectId: "B2B2B2B2-0000-4000-8000-00000000000B",
  id: "29:ben",
};
export const vic: TeamsUser = {
  name: "Vic",
  aadObjectId: "C3C3C3C3-0000-4000-8000-00000000000C",
  id: "29:vic",
};

/** `teams:<tenant>:<aad>` as Switchboard spells it. */
export function identityOf(user: TeamsUser): string {
  return `teams:${TENANT.toLowerCase()}:${user.aadObjectId.toLowerCase()}`;
}

const bot = { id: `28:${BOT_APP_ID}`, name: "Switchboard" };
const now = () => new Date().toISOString();
export const nextId = () => `1${Date.now()}${Math.floor(Math.random() * 1e6)}`;

export interface ActivityOptions {
  id?: string;
  /** The channel thread the message is in; default one thread of CHANNEL. */
  conversationId?: string;
}

/** `@Switchboard <text>` in a channel. */
export function channelMessage(serviceUrl: string, text: string, as: TeamsUser, o: ActivityOptions = {}) {
  return {
    type: "message",
    id: o.id ?? nextId(),
    timestamp: now(),
    localTimestamp: now(),
    channelId: "msteams",
    serviceUrl,
    from: { id: as.id, name: as.name, aadObjectId: as.aadObjectId },
    conversation: {
      id: o.conversationId ?? `${CHANNEL};messageid=1700000000001`,
      conversationType: "channel",
      tenantId: TENANT,
      isGroup: true,
    },
    recipient: bot,
    text: `<at>Switchboard</at> ${text}`,
    textFormat: "plain",
    locale: "en-US",
    entities: [{ type: "mention", text: "<at>Switchboard</at>", mentioned: bot }],
    channelData: {
      tenant: { id: TENANT },
      team: { id: "19:team@thread.tacv2" },
      channel: { id: CHANNEL, name: "ops" },
    },
  };
}

/** The text alone in a one-to-one chat with the bot. */
export function personalMessage(serviceUrl: string, text: string, as: TeamsUser, o: ActivityOptions = {}) {
  return {
    type: "message",
    id: o.id ?? nextId(),
    timestamp: now(),
    channelId: "msteams",
    serviceUrl,
    from: { id: as.id, name: as.name, aadObjectId: as.aadObjectId },
    conversation: {
      id: o.conversationId ?? `a:personal-${as.id}`,
      conversationType: "personal",
      tenantId: TENANT,
    },
    recipient: bot,
    text,
    textFormat: "plain",
    channelData: { tenant: { id: TENANT } },
  };
}

/** A click on an Action.Execute button of the card in message `replyToId`. */
export function cardAction(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  as: TeamsUser,
  o: ActivityOptions & { replyToId: string },
) {
  return {
    type: "invoke",
    name: "adaptiveCard/action",
    id: o.id ?? `f:${randomUUID()}`,
    timestamp: now(),
    channelId: "msteams",
    serviceUrl,
    replyToId: o.replyToId,
    from: { id: as.id, name: as.name, aadObjectId: as.aadObjectId },
    conversation: {
      id: o.conversationId ?? `${CHANNEL};messageid=1700000000001`,
      conversationType: "channel",
      tenantId: TENANT,
    },
    recipient: bot,
    value: { action: { type: "Action.Execute", id: `${verb}-button`, verb, data }, trigger: "manual" },
    channelData: { tenant: { id: TENANT }, source: { name: "message" } },
  };
}
