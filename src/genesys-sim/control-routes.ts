/**
 * The simulator's control channel for other processes: `switchboard sim event` turns a campaign
 * off "in the Genesys UI" (or invalid, complete…) in a simulator running elsewhere, the way tests call
 * `campaignEvent` in-process. It is not part of Genesys, so it lives outside the host-named paths
 * (`/_control/...`) and answers only loopback peers: a simulator bound to 0.0.0.0 must not let the
 * network rewrite its campaigns.
 */
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { CAMPAIGN_EVENT_PATH, CAMPAIGN_STATUSES } from "./control-channel.js";

export { CAMPAIGN_EVENT_PATH, CONTROL_PREFIX } from "./control-channel.js";

const campaignEventRequest = z.strictObject({
  org: z.string().min(1),
  campaign: z.string().min(1),
  status: z.enum(CAMPAIGN_STATUSES),
  errors: z.array(z.strictObject({ error: z.string().min(1), details: z.string().optional() })).optional(),
});
export type CampaignEventRequest = z.infer<typeof campaignEventRequest>;

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function fromLoopback(req: IncomingMessage): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? "");
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** Handles one control request; `apply` is the simulator's own `campaignEvent` (it throws on unknown refs). */
export function handleControlRequest(
  req: IncomingMessage,
  path: string,
  rawBody: Buffer,
  apply: (event: CampaignEventRequest) => unknown,
): ControlAnswer {
  if (!fromLoopback(req))
    return {
      status: 403,
      body: { message: "The simulator's control channel answers loopback clients only." },
    };
  if (path !== CAMPAIGN_EVENT_PATH || req.method !== "POST")
    return { status: 404, body: { message: `No control ${req.method} ${path}.` } };
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return { status: 400, body: { message: "The body is not JSON." } };
  }
  const parsed = campaignEventRequest.safeParse(json);
  if (!parsed.success)
    return { status: 400, body: { message: parsed.error.issues.map((i) => i.message).join("; ") } };
  try {
    return { status: 200, body: apply(parsed.data) };
  } catch (e) {
    // Unknown org or campaign: the simulator's own message names it.
    return {
      status: 404,
      body: { message: e instanceof Error ? e.message.replace(/^simulator: /, "") : String(e) },
    };
  }
}
