/**
 * The simulated Notifications API: channels, their topic subscriptions and the one WebSocket each
 * channel may have. Campaign events are found by watching campaign versions (every change bumps
 * one), so a change made through the API, by `stopping → off` timing, by a test's "someone did it in
 * the Genesys UI" event or by another process sharing the state file is published the same way.
 */
import { randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import { REGION_DOMAINS } from "../genesys/regions.js";
import type { ApiContext } from "./api-context.js";
import { renderCampaign, renderProgress } from "./campaign-view.js";
import type { FixtureCampaign } from "./fixture.js";
import { badRequest, notFound } from "./sim-error.js";
import type { SimState } from "./sim-state.js";
import type { OrgModel, World } from "./world.js";

export interface NotificationTiming {
  /** `channel.metadata` heartbeat period (Genesys: about 30 s). */
  heartbeatMs: number;
  /** How often campaign versions are compared to find changes. */
  pollMs: number;
  /** Time between `v2.system.socket_closing` and the close (Genesys: about a minute). */
  closingGraceMs: number;
  /** Channel lifetime (Genesys: 24 hours). */
  channelTtlMs: number;
}

const DEFAULT_NOTIFICATION_TIMING: NotificationTiming = {
  heartbeatMs: 30_000,
  pollMs: 100,
  closingGraceMs: 60_000,
  channelTtlMs: 86_400_000,
};

const MAX_CHANNELS_PER_CLIENT = 20;
const MAX_TOPICS_PER_CHANNEL = 1000;
const VIEW = "outbound:campaign:view";
const TOPIC = /^v2\.outbound\.campaigns\.([A-Za-z0-9._~-]+?)(\.progress)?$/;

interface ChannelRecord {
  id: string;
  orgId: string;
  clientId: string;
  /** The token that made the channel: its expiry closes the socket, as in Genesys. */
  token: string;
  createdAt: number;
  expiresAt: number;
  topics: Set<string>;
  socket?: WebSocket;
  heartbeat?: NodeJS.Timeout;
  /** Campaign id → version last published on this channel. */
  seen: Map<string, number>;
}

export interface ChannelTopicView {
  id: string;
  state: "Permitted" | "Rejected";
  rejectionReason?: string;
  missingPermissions?: string[];
  selfUri?: string;
}

export interface NotificationStats {
  channels: number;
  sockets: number;
  eventsSent: number;
}

export class NotificationHub {
  readonly #world: World;
  readonly #state: SimState;
  readonly #now: () => number;
  #timing: NotificationTiming;
  #baseUrl = "ws://127.0.0.1";
  readonly #channels = new Map<string, ChannelRecord>();
  #poller: NodeJS.Timeout | undefined;
  #eventsSent = 0;

  constructor(world: World, state: SimState, now: () => number, timing: Partial<NotificationTiming> = {}) {
    this.#world = world;
    this.#state = state;
    this.#now = now;
    this.#timing = { ...DEFAULT_NOTIFICATION_TIMING, ...timing };
  }

  setBaseUrl(httpUrl: string): void {
    this.#baseUrl = httpUrl.replace(/^http/, "ws");
  }

  setTiming(timing: Partial<NotificationTiming>): void {
    this.#timing = { ...this.#timing, ...timing };
    this.#restartPoller();
  }

  get timing(): NotificationTiming {
    return this.#timing;
  }

  createChannel(ctx: ApiContext): Record<string, unknown> {
    this.#dropExpired();
    const mine = [...this.#channels.values()].filter((c) => c.clientId === ctx.client.id);
    if (mine.length >= MAX_CHANNELS_PER_CLIENT) {
      // Genesys replaces the oldest channel that has no connection; with all 20 connected it refuses.
      const idle = mine.filter((c) => !c.socket).sort((a, b) => a.createdAt - b.createdAt)[0];
      if (!idle) {
        throw badRequest(
          `This client already has ${MAX_CHANNELS_PER_CLIENT} connected notification channels; close one first.`,
        );
      }
      this.#remove(idle);
    }
    const now = this.#now();
    const record: ChannelRecord = {
      id: randomUUID(),
      orgId: ctx.org.fx.id,
      clientId: ctx.client.id,
      token: ctx.token.token,
      createdAt: now,
      expiresAt: now + this.#timing.channelTtlMs,
      topics: new Set(),
      seen: new Map(),
    };
    this.#channels.set(record.id, record);
    this.#restartPoller();
    return this.#channelView(record, ctx.org);
  }

  listChannels(ctx: ApiContext): Record<string, unknown> {
    this.#dropExpired();
    const entities = [...this.#channels.values()]
      .filter((c) => c.clientId === ctx.client.id)
      .map((c) => this.#channelView(c, ctx.org));
    return { entities };
  }

  /** PUT (replace) or POST (add). Topics the caller may not see are rejected, the rest kept. */
  subscribe(ctx: ApiContext, channelId: string, body: unknown, replace: boolean): Record<string, unknown> {
    const channel = this.#owned(ctx, channelId);
    if (!Array.isArray(body)) throw badRequest("The request body must be an array of topics ({id}).");
    const wanted: string[] = [];
    for (const item of body) {
      const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
      if (typeof id !== "string" || id === "") throw badRequest("Every topic needs a string id.");
      wanted.push(id);
    }
    const results = wanted.map((topic) => this.#checkTopic(ctx, topic));
    const permitted = results.filter((r) => r.state === "Permitted").map((r) => r.id);
    const next = replace ? new Set(permitted) : new Set([...channel.topics, ...permitted]);
    if (next.size > MAX_TOPICS_PER_CHANNEL) {
      throw badRequest(
        `A channel may have at most ${MAX_TOPICS_PER_CHANNEL} topics; this would make ${next.size}.`,
      );
    }
    channel.topics = next;
    // Events start from the state as it is now: subscribing is not a change.
    for (const topic of next) {
      const id = TOPIC.exec(topic)?.[1];
      const state = id ? this.#state.campaign(id) : undefined;
      if (id && state && !channel.seen.has(id)) channel.seen.set(id, state.version);
    }
    return { entities: [...results.filter((r) => r.state === "Rejected"), ...this.#topicViews(channel)] };
  }

  subscriptions(ctx: ApiContext, channelId: string): Record<string, unknown> {
    return { entities: this.#topicViews(this.#owned(ctx, channelId)) };
  }

  /** A WebSocket asks for `/channels/{id}` on the streaming host of `domain`. */
  accepts(channelId: string, domain: string): boolean {
    this.#dropExpired();
    const channel = this.#channels.get(channelId);
    const org = channel ? this.#world.orgById(channel.orgId) : undefined;
    return !!org && REGION_DOMAINS[org.region] === domain;
  }

  attach(channelId: string, socket: WebSocket): void {
    const channel = this.#channels.get(channelId);
    if (!channel) {
      socket.close(4004, "Unknown channel");
      return;
    }
    // One WebSocket per channel: a new connection replaces the old one.
    if (channel.socket) this.#detach(channel, 4000, "Another connection took this channel");
    channel.socket = socket;
    channel.heartbeat = setInterval(() => {
      this.#send(channel, { topicName: "channel.metadata", eventBody: { message: "WebSocket Heartbeat" } });
    }, this.#timing.heartbeatMs);
    channel.heartbeat.unref();
    socket.on("message", (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        return; // Genesys ignores what it cannot read
      }
      if ((parsed as { message?: unknown } | null)?.message === "ping") {
        this.#send(channel, { topicName: "channel.metadata", eventBody: { message: "pong" } });
      }
    });
    socket.on("close", () => {
      if (channel.socket === socket) {
        clearInterval(channel.heartbeat);
        channel.socket = undefined;
      }
    });
    socket.on("error", () => {});
  }

  /** Maintenance: every socket (or one org's) gets `v2.system.socket_closing`, then closes after the grace. */
  socketClosing(orgId?: string, graceMs = this.#timing.closingGraceMs): void {
    for (const channel of this.#channels.values()) {
      if (!channel.socket || (orgId && channel.orgId !== orgId)) continue;
      const socket = channel.socket;
      this.#send(channel, {
        topicName: "v2.system.socket_closing",
        eventBody: { message: "This WebSocket is closing for maintenance; connect again." },
      });
      setTimeout(() => socket.close(1001, "Service maintenance"), graceMs).unref();
    }
  }

  /** A network failure: sockets vanish without a close frame. */
  killSockets(orgId?: string): void {
    for (const channel of this.#channels.values()) {
      if (channel.socket && (!orgId || channel.orgId === orgId)) channel.socket.terminate();
    }
  }

  stats(): NotificationStats {
    const all = [...this.#channels.values()];
    return {
      channels: all.length,
      sockets: all.filter((c) => c.socket).length,
      eventsSent: this.#eventsSent,
    };
  }

  /** Compares versions now (the poller calls it; tests may too). */
  tick(): void {
    this.#state.refreshFromDisk();
    this.#dropExpired();
    const now = this.#now();
    for (const channel of this.#channels.values()) {
      if (!channel.socket) continue;
      const token = this.#state.token(channel.token);
      if (!token || token.expired || now >= token.expiresAt || this.#state.isRevoked(channel.clientId)) {
        this.#detach(channel, 4401, "The token used to create this channel expired");
        continue;
      }
      this.#publishChanges(channel);
    }
  }

  close(): void {
    clearInterval(this.#poller);
    this.#poller = undefined;
    for (const channel of this.#channels.values()) this.#detach(channel, 1001, "Server shutting down");
  }

  #publishChanges(channel: ChannelRecord): void {
    const org = this.#world.orgById(channel.orgId);
    if (!org) return;
    for (const [campaignId, seenVersion] of channel.seen) {
      const fx = org.campaignById.get(campaignId);
      const state = fx ? this.#state.campaign(campaignId) : undefined;
      if (!fx || !state || state.version === seenVersion) continue;
      channel.seen.set(campaignId, state.version);
      const topic = `v2.outbound.campaigns.${campaignId}`;
      if (channel.topics.has(topic)) this.#event(channel, topic, renderCampaign(org, fx, state));
      if (channel.topics.has(`${topic}.progress`)) {
        this.#event(channel, `${topic}.progress`, renderProgress(org, fx, state));
      }
    }
  }

  #event(channel: ChannelRecord, topicName: string, eventBody: unknown): void {
    this.#eventsSent += 1;
    this.#send(channel, { topicName, version: "2", eventBody, metadata: { CorrelationId: randomUUID() } });
  }

  #send(channel: ChannelRecord, message: unknown): void {
    if (channel.socket?.readyState === 1) channel.socket.send(JSON.stringify(message));
  }

  #checkTopic(ctx: ApiContext, topic: string): ChannelTopicView {
    const id = TOPIC.exec(topic)?.[1];
    if (!id) return { id: topic, state: "Rejected", rejectionReason: "Topic is not supported" };
    const fx: FixtureCampaign | undefined = ctx.org.campaignById.get(id);
    const divisionId = fx ? ctx.org.divisionByName.get(fx.division)?.id : undefined;
    if (!fx || !divisionId) return { id: topic, state: "Rejected", rejectionReason: "Entity not found" };
    if (!ctx.perms.has(VIEW, divisionId)) {
      return {
        id: topic,
        state: "Rejected",
        rejectionReason: "Missing permissions",
        missingPermissions: [VIEW],
      };
    }
    return { id: topic, state: "Permitted" };
  }

  #topicViews(channel: ChannelRecord): ChannelTopicView[] {
    return [...channel.topics].map((id) => ({
      id,
      state: "Permitted",
      selfUri: `/api/v2/notifications/availabletopics/${id}`,
    }));
  }

  #owned(ctx: ApiContext, channelId: string): ChannelRecord {
    this.#dropExpired();
    const channel = this.#channels.get(channelId);
    if (!channel || channel.clientId !== ctx.client.id) {
      throw notFound(`Unable to find a notification channel with id ${channelId}.`);
    }
    return channel;
  }

  #channelView(c: ChannelRecord, org: OrgModel): Record<string, unknown> {
    const host = `streaming.${REGION_DOMAINS[org.region]}`;
    return {
      id: c.id,
      connectUri: `${this.#baseUrl}/${host}/channels/${c.id}`,
      expires: new Date(c.expiresAt).toISOString(),
    };
  }

  #dropExpired(): void {
    const now = this.#now();
    for (const channel of this.#channels.values()) {
      if (now >= channel.expiresAt) this.#remove(channel);
    }
  }

  #remove(channel: ChannelRecord): void {
    this.#detach(channel, 4410, "Channel expired");
    this.#channels.delete(channel.id);
  }

  #detach(channel: ChannelRecord, code: number, reason: string): void {
    clearInterval(channel.heartbeat);
    const socket = channel.socket;
    channel.socket = undefined;
    socket?.close(code, reason);
  }

  #restartPoller(): void {
    clearInterval(this.#poller);
    this.#poller = setInterval(() => this.tick(), this.#timing.pollMs);
    this.#poller.unref();
  }
}
