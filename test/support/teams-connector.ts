/**
 * A local stand-in for the Bot Connector service (the activity's serviceUrl): records replies
 * (`POST /v3/conversations/{id}/activities/{replyToId}`), new messages and edits (`PUT …/{activityId}`),
 * answering with message ids as the service does.
 */
import {
  type Answer,
  type Recorded,
  type RecordingServer,
  startRecordingServer,
} from "./recording-server.js";

export interface ConnectorCall extends Recorded {
  conversationId: string;
  /** The activity replied to (POST) or edited (PUT); absent for a new message. */
  activityId?: string;
}

export interface TeamsConnector {
  url: string;
  calls: Recorded[];
  /** Every call to /v3/conversations, decoded. */
  conversationCalls(): ConnectorCall[];
  /** Replies and new messages (POST). */
  posts(): ConnectorCall[];
  /** The reply under activity `activityId` (throws when there is none). */
  replyTo(activityId: string): ConnectorCall;
  /** The latest edit of message `activityId` (throws when there is none). */
  lastUpdate(activityId: string): ConnectorCall;
  /** Edits of one message (PUT). */
  updates(activityId: string): ConnectorCall[];
  /** The id the stand-in gave a posted message. */
  idOf(post: Recorded): string;
  waitForPost(match?: (c: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  waitForUpdate(
    activityId: string,
    match?: (c: ConnectorCall) => boolean,
    timeoutMs?: number,
  ): Promise<ConnectorCall>;
  /** The next call gets this answer instead. */
  failNext(answer: Answer): void;
  /**
   * A roster member as `GET /v3/conversations/{id}/members/{aadObjectId or 29:id}` answers it
   * (TeamsInfo.getMember); an unknown member is a 404 MemberNotFoundInConversation.
   */
  setMember(
    user: { id: string; aadObjectId: string; name: string },
    fields: { email?: string; userPrincipalName?: string },
  ): void;
  /** Roster lookups, oldest first. */
  memberCalls(): Recorded[];
  close(): Promise<void>;
}

const PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

export async function startConnector(): Promise<TeamsConnector> {
  let posted = 0;
  const failures: Answer[] = [];
  const members = new Map<string, Record<string, unknown>>();
  const server: RecordingServer = await startRecordingServer((req) => {
    const member = MEMBER.exec(req.path);
    if (member && req.method === "GET") {
      const found = members.get(decodeURIComponent(member[2] ?? "").toLowerCase());
      return found
        ? { json: found }
        : { status: 404, json: { error: { code: "MemberNotFoundInConversation", message: "not found" } } };
    }
    const m = PATH.exec(req.path);
    if (!m) return undefined;
    const queued = failures.shift();
    if (queued) return queued;
    if (req.method === "POST") {
      posted += 1;
      return { json: { id: `bot-msg-${posted}` } };
    }
    if (req.method === "PUT") return { json: { id: decodeURIComponent(m[2] ?? "") } };
    return undefined;
  });
  const decode = (r: Recorded): ConnectorCall => {
    const m = PATH.exec(r.path);
    return {
      ...r,
      conversationId: decodeURIComponent(m?.[1] ?? ""),
      ...(m?.[2] ? { activityId: decodeURIComponent(m[2]) } : {}),
    };
  };
  const decoded = (): ConnectorCall[] => server.calls.filter((r) => PATH.test(r.path)).map(decode);
  return {
    url: server.url,
    calls: server.calls,
    conversationCalls: decoded,
    posts: () => decoded().filter((c) => c.method === "POST"),
    replyTo(activityId) {
      const found = decoded().find((c) => c.method === "POST" && c.activityId === activityId);
      if (!found) throw new Error(`no reply under activity ${activityId}`);
      return found;
    },
    lastUpdate(activityId) {
      const found = decoded()
        .filter((c) => c.method === "PUT" && c.activityId === activityId)
        .at(-1);
      if (!found) throw new Error(`message ${activityId} was never updated`);
      return found;
    },
    updates: (id) => decoded().filter((c) => c.method === "PUT" && c.activityId === id),
    idOf(post) {
      const id = (post.answer?.json as { id?: unknown } | undefined)?.id;
      if (typeof id !== "string") throw new Error(`no message id answered for ${post.path}`);
      return id;
    },
    async waitForPost(match = () => true, timeoutMs) {
      return decode(
        await server.waitFor((r) => r.method === "POST" && PATH.test(r.path) && match(decode(r)), timeoutMs),
      );
    },
    async waitForUpdate(activityId, match = () => true, timeoutMs) {
      return decode(
        await server.waitFor((r) => {
          if (r.method !== "PUT" || !PATH.test(r.path)) return false;
          const c = decode(r);
          return c.activityId === activityId && match(c);
        }, timeoutMs),
      );
    },
    failNext(answer) {
      failures.push(answer);
    },
    setMember(user, fields) {
      const account = { id: user.id, name: user.name, aadObjectId: user.aadObjectId, ...fields };
      members.set(user.id.toLowerCase(), account);
      members.set(user.aadObjectId.toLowerCase(), account);
    },
    memberCalls: () => server.calls.filter((r) => MEMBER.test(r.path)),
    close: server.close,
  };
}

/** The Adaptive Card a recorded message carries. */
export function cardOf(call: Recorded): Record<string, unknown> {
  const attachments = call.body.attachments;
  const first = Array.isArray(attachments)
    ? (attachments[0] as Record<string, unknown> | undefined)
    : undefined;
  const content = first?.content;
  if (
    first?.contentType !== "application/vnd.microsoft.card.adaptive" ||
    typeof content !== "object" ||
    !content
  )
    throw new Error(`no Adaptive Card in ${call.method} ${call.path}`);
  return content as Record<string, unknown>;
}

/** Every Action.Execute of a card (approve, deny…), wherever it sits. */
export function executeActions(
  card: unknown,
): { verb: string; data: Record<string, unknown>; title: string }[] {
  const found: { verb: string; data: Record<string, unknown>; title: string }[] = [];
  const walk = (node: unknown, inRefresh: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inRefresh);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === "Action.Execute" && !inRefresh)
      found.push({
        verb: String(o.verb),
        data: (o.data ?? {}) as Record<string, unknown>,
        title: String(o.title),
      });
    for (const [k, v] of Object.entries(o)) walk(v, inRefresh || k === "refresh");
  };
  walk(card, false);
  return found;
}

/** All text a card shows (its JSON, markdown escapes removed), for `toContain` checks. */
export function textOf(card: unknown): string {
  return JSON.stringify(card).replace(/\\\\(.)/g, "$1");
}
