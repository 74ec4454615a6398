/**
 * One org's campaign event stream: a notification channel, its topics and its WebSocket, kept
 * alive. Every way the stream can end leads to a fresh channel (a channel's socket cannot be
 * trusted after a fault): `v2.system.socket_closing` (reconnect before the close), a close or a
 * network error (reconnect with backoff), no heartbeat for `heartbeatTimeoutMs` (Genesys sends one
 * about every 30 s), the channel nearing its 24-hour expiry, and token expiry (the channel is made
 * again through the org client, which fetches a new token). After each connect `onConnected` runs,
 * so the caller can re-read what it watches: events missed while disconnected still count.
 */
import WebSocket from "ws";
import type { Logger } from "../core/kernel/logger.js";
import type { NotificationApi, NotificationChannel } from "./notification-api.js";

export interface CampaignEventMessage {
  campaignId: string;
  /** `campaign` for `v2.outbound.campaigns.{id}`, `progress` for `….progress`. */
  kind: "campaign" | "progress";
  body: Record<string, unknown>;
}

export interface CampaignListenerOptions {
  orgSlug: string;
  api: NotificationApi;
  /** Campaign ids to subscribe to (both the campaign and its progress topic). */
  campaignIds: () => string[] | Promise<string[]>;
  onEvent: (event: CampaignEventMessage) => void | Promise<void>;
  /** After every (re)connect, once the topics are subscribed. */
  onConnected?: (reason: string) => void | Promise<void>;
  logger: Logger;
  /** Reconnect when nothing (heartbeat included) arrived for this long. Default 90 s. */
  heartbeatTimeoutMs?: number;
  /** Make a new channel this long before the current one expires. Default 1 h. */
  renewBeforeMs?: number;
  /** Backoff between failed connects: base doubles up to max, with jitter. */
  backoff?: { baseMs: number; maxMs: number };
  now?: () => number;
  random?: () => number;
}

export interface ListenerCounters {
  connects: number;
  reconnects: number;
  events: number;
}

const TOPIC = /^v2\.outbound\.campaigns\.(.+?)(\.progress)?$/;

export class CampaignListener {
  readonly counters: ListenerCounters = { connects: 0, reconnects: 0, events: 0 };
  readonly #o: Required<Omit<CampaignListenerOptions, "onConnected">> &
    Pick<CampaignListenerOptions, "onConnected">;
  #socket: WebSocket | undefined;
  #channel: NotificationChannel | undefined;
  #timers: NodeJS.Timeout[] = [];
  #stopped = false;
  #failures = 0;
  #connecting: Promise<void> | undefined;

  constructor(options: CampaignListenerOptions) {
    this.#o = {
      heartbeatTimeoutMs: 90_000,
      renewBeforeMs: 3_600_000,
      backoff: { baseMs: 500, maxMs: 30_000 },
      now: Date.now,
      random: Math.random,
      ...options,
    };
  }

  /** Connects (retrying in the background on failure); resolves after the first attempt. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#connect("start");
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimers();
    this.#socket?.close(1000, "listener stopped");
    this.#socket = undefined;
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** The watched set changed: replace the channel's topics. */
  async resubscribe(): Promise<void> {
    if (this.#channel && this.connected) await this.#subscribe(this.#channel);
  }

  #connect(reason: string): Promise<void> {
    this.#connecting ??= this.#open(reason).finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(reason: string): Promise<void> {
    if (this.#stopped) return;
    this.#clearTimers();
    const old = this.#socket;
    this.#socket = undefined;
    old?.removeAllListeners();
    old?.on("error", () => {});
    old?.terminate();
    const log = this.#o.logger;
    try {
      const channel = await this.#o.api.createChannel();
      await this.#subscribe(channel);
      const socket = await openSocket(channel.connectUri);
      if (this.#stopped) {
        socket.close(1000, "listener stopped");
        return;
      }
      this.#channel = channel;
      this.#socket = socket;
      this.#failures = 0;
      if (this.counters.connects > 0) this.counters.reconnects += 1;
      this.counters.connects += 1;
      socket.on("message", (data) => this.#onMessage(String(data)));
      socket.on("close", (code) => {
        if (this.#socket !== socket || this.#stopped) return;
        log.warn({ org: this.#o.orgSlug, code }, "notification socket closed; reconnecting");
        void this.#connect(`closed ${code}`);
      });
      socket.on("error", (e) =>
        log.warn({ org: this.#o.orgSlug, error: e.message }, "notification socket error"),
      );
      this.#armHeartbeat();
      const renewIn = Math.max(1_000, channel.expiresAt - this.#o.renewBeforeMs - this.#o.now());
      this.#timer(renewIn, () => {
        log.info({ org: this.#o.orgSlug }, "notification channel nearing expiry; making a new one");
        void this.#connect("channel renewal");
      });
      log.info({ org: this.#o.orgSlug, reason, channel: channel.id }, "notification channel connected");
      await this.#o.onConnected?.(reason);
    } catch (e) {
      this.#failures += 1;
      const { baseMs, maxMs } = this.#o.backoff;
      const delay =
        Math.min(maxMs, baseMs * 2 ** Math.min(this.#failures - 1, 16)) * (0.5 + this.#o.random() / 2);
      log.warn(
        {
          org: this.#o.orgSlug,
          error: e instanceof Error ? e.message : String(e),
          retryInMs: Math.round(delay),
        },
        "notification channel failed; retrying",
      );
      this.#timer(delay, () => void this.#connect("retry"));
    }
  }

  async #subscribe(channel: NotificationChannel): Promise<void> {
    const ids = await this.#o.campaignIds();
    const topics = ids.flatMap((id) => [
      `v2.outbound.campaigns.${id}`,
      `v2.outbound.campaigns.${id}.progress`,
    ]);
    const results = await this.#o.api.setSubscriptions(channel.id, topics);
    const rejected = results.filter((r) => r.rejected);
    if (rejected.length > 0) {
      this.#o.logger.warn(
        { org: this.#o.orgSlug, rejected: rejected.map((r) => `${r.id}: ${r.reason ?? "rejected"}`) },
        "Genesys rejected some notification topics",
      );
    }
  }

  #onMessage(text: string): void {
    this.#armHeartbeat();
    let m: { topicName?: unknown; eventBody?: unknown };
    try {
      m = JSON.parse(text) as typeof m;
    } catch {
      return;
    }
    if (m.topicName === "v2.system.socket_closing") {
      this.#o.logger.info({ org: this.#o.orgSlug }, "Genesys announced socket_closing; reconnecting now");
      void this.#connect("socket_closing");
      return;
    }
    const match = typeof m.topicName === "string" ? TOPIC.exec(m.topicName) : null;
    if (!match?.[1] || typeof m.eventBody !== "object" || m.eventBody === null) return;
    this.counters.events += 1;
    const event: CampaignEventMessage = {
      campaignId: match[1],
      kind: match[2] ? "progress" : "campaign",
      body: m.eventBody as Record<string, unknown>,
    };
    Promise.resolve(this.#o.onEvent(event)).catch((e: unknown) =>
      this.#o.logger.error(
        { org: this.#o.orgSlug, error: e instanceof Error ? e.message : String(e) },
        "campaign event handler failed",
      ),
    );
  }

  #heartbeat: NodeJS.Timeout | undefined;

  #armHeartbeat(): void {
    clearTimeout(this.#heartbeat);
    this.#heartbeat = setTimeout(() => {
      this.#o.logger.warn(
        { org: this.#o.orgSlug, afterMs: this.#o.heartbeatTimeoutMs },
        "no heartbeat from Genesys; reconnecting",
      );
      void this.#connect("heartbeat lost");
    }, this.#o.heartbeatTimeoutMs);
    this.#heartbeat.unref();
  }

  #timer(ms: number, run: () => void): void {
    const t = setTimeout(run, ms);
    t.unref();
    this.#timers.push(t);
  }

  #clearTimers(): void {
    clearTimeout(this.#heartbeat);
    for (const t of this.#timers.splice(0)) clearTimeout(t);
  }
}

function openSocket(uri: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(uri);
    socket.once("open", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}
