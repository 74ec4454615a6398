/**
 * The Notifications API calls a campaign listener makes: create a channel, replace its topics.
 * Shapes per the official SDK's Channel and ChannelTopicEntityListing.
 */
import { z } from "zod";
import type { ApiRequest } from "./org-transport.js";

export interface NotificationChannel {
  id: string;
  connectUri: string;
  /** Epoch ms; Genesys channels live 24 hours. */
  expiresAt: number;
}

interface TopicResult {
  id: string;
  rejected: boolean;
  reason?: string;
}

export interface NotificationApi {
  createChannel(): Promise<NotificationChannel>;
  /** PUT: replaces the channel's topics; rejected topics (no view permission…) are reported, not thrown. */
  setSubscriptions(channelId: string, topics: string[]): Promise<TopicResult[]>;
}

const channelSchema = z.looseObject({
  id: z.string(),
  connectUri: z.string(),
  expires: z.string().optional(),
});
const topicsSchema = z.looseObject({
  entities: z
    .array(
      z.looseObject({ id: z.string(), state: z.string().optional(), rejectionReason: z.string().optional() }),
    )
    .default([]),
});

export type Request = <T>(req: ApiRequest, schema: z.ZodType<T>) => Promise<T>;

const DAY_MS = 86_400_000;

export function notificationApi(request: Request, now: () => number = Date.now): NotificationApi {
  return {
    async createChannel() {
      const c = await request(
        { method: "POST", path: "/api/v2/notifications/channels", json: {} },
        channelSchema,
      );
      const expires = c.expires ? Date.parse(c.expires) : Number.NaN;
      return {
        id: c.id,
        connectUri: c.connectUri,
        expiresAt: Number.isFinite(expires) ? expires : now() + DAY_MS,
      };
    },
    async setSubscriptions(channelId, topics) {
      const path = `/api/v2/notifications/channels/${encodeURIComponent(channelId)}/subscriptions`;
      const answer = await request({ method: "PUT", path, json: topics.map((id) => ({ id })) }, topicsSchema);
      return answer.entities.map((t) => ({
        id: t.id,
        rejected: t.state === "Rejected",
        ...(t.rejectionReason ? { reason: t.rejectionReason } : {}),
      }));
    },
  };
}
