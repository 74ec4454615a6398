/**
 * A local stand-in for Slack: the Web API (`/api/<method>`, form-encoded as @slack/web-api sends it)
 * and response_urls (`/respond/<n>`), recording every call. Answers like Slack for the methods the
 * app uses; `failNext` makes one call fail (a Slack error or a 429 with Retry-After).
 */
import {
  type Answer,
  type Recorded,
  type RecordingServer,
  startRecordingServer,
} from "./recording-server.js";

export interface SlackFake {
  url: string;
  /** For Bolt's `slackApiUrl`. */
  apiUrl: string;
  calls: Recorded[];
  /** Calls to one Web API method, oldest first. */
  api(method: string): Recorded[];
  /** A fresh response_url. */
  responseUrl(): string;
  /** Calls to one response_url. */
  responses(url: string): Recorded[];
  waitFor(match: (r: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>;
  waitForApi(method: string, match?: (r: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>;
  waitForResponse(url: string, timeoutMs?: number): Promise<Recorded>;
  /** The next call to `method` gets this answer instead. */
  failNext(method: string, answer: Answer): void;
  /** What users.info answers for a user's profile email (no email unless set, as without users:read.email). */
  setProfileEmail(userId: string, email: string, confirmed?: boolean): void;
  close(): Promise<void>;
}

export async function startSlackFake(): Promise<SlackFake> {
  let ts = 0;
  let responseUrls = 0;
  let views = 0;
  const failures = new Map<string, Answer[]>();
  const profiles = new Map<string, { email: string; confirmed: boolean }>();
  const server: RecordingServer = await startRecordingServer((req) => {
    const method = req.path.startsWith("/api/") ? req.path.slice(5) : undefined;
    if (method) {
      const queued = failures.get(method)?.shift();
      if (queued) return queued;
      return { json: apiAnswer(method, req) };
    }
    if (req.path.startsWith("/respond/")) return { json: { ok: true } };
    return undefined;
  });

  function apiAnswer(method: string, req: Recorded): unknown {
    const channel = req.body.channel;
    switch (method) {
      case "chat.postMessage":
        ts += 1;
        return { ok: true, channel, ts: `1700000000.${String(ts).padStart(6, "0")}` };
      case "chat.update":
        return { ok: true, channel, ts: req.body.ts };
      case "chat.postEphemeral":
        return { ok: true, message_ts: "1700000000.999999" };
      case "views.open":
        views += 1;
        return { ok: true, view: { id: `V${views}`, hash: `h${views}` } };
      case "views.update":
        return { ok: true, view: { id: req.body.view_id } };
      case "users.info": {
        const id = String(req.body.user);
        const p = profiles.get(id);
        return {
          ok: true,
          user: {
            id,
            name: id.toLowerCase(),
            ...(p ? { is_email_confirmed: p.confirmed } : {}),
            profile: { real_name: id, ...(p ? { email: p.email } : {}) },
          },
        };
      }
      case "auth.test":
        return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" };
      default:
        return { ok: true };
    }
  }

  const apiCalls = (method: string) => server.calls.filter((c) => c.path === `/api/${method}`);
  const pathOf = (url: string) => new URL(url).pathname;
  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    calls: server.calls,
    api: apiCalls,
    responseUrl: () => `${server.url}/respond/${++responseUrls}`,
    responses: (url) => server.calls.filter((c) => c.path === pathOf(url)),
    waitFor: server.waitFor,
    waitForApi: (method, match = () => true, timeoutMs) =>
      server.waitFor((c) => c.path === `/api/${method}` && match(c), timeoutMs),
    waitForResponse: (url, timeoutMs) => server.waitFor((c) => c.path === pathOf(url), timeoutMs),
    failNext(method, answer) {
      failures.set(method, [...(failures.get(method) ?? []), answer]);
    },
    setProfileEmail(userId, email, confirmed = true) {
      profiles.set(userId, { email, confirmed });
    },
    close: server.close,
  };
}

/** Every block of a recorded message (Web API call or response_url body). */
export function blocksOf(call: Recorded): Record<string, unknown>[] {
  const blocks = call.body.blocks ?? (call.body.view as Record<string, unknown> | undefined)?.blocks;
  return Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : [];
}

/** The message's buttons: `action_id` and `value`. */
export function buttonsOf(call: Recorded): { action_id: string; value: string }[] {
  return blocksOf(call)
    .filter((b) => b.type === "actions")
    .flatMap((b) =>
      Array.isArray(b.elements) ? (b.elements as { action_id: string; value: string }[]) : [],
    );
}

/** The approval request id an Approve button carries (`{"requestId":…}`), or "" when there is none. */
export function approvalIdOf(call: Recorded): string {
  const value = buttonsOf(call).find((b) => b.action_id === "approve")?.value;
  return value ? (JSON.parse(value) as { requestId: string }).requestId : "";
}

/** All text a recorded message shows, for `toContain` checks. */
export function textOf(call: Recorded): string {
  return JSON.stringify(call.body);
}
