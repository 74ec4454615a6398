/**
 * botbuilder's CloudAdapter behind a plain node:http listener, so our server mounts Teams like any
 * other route and knows no framework. The adapter authenticates every activity (the Bot Connector's
 * JWT: issuer, audience, signature, expiry, endorsements) before any of our code runs; a request it
 * refuses is a 401 and runs nothing. Invokes answer with what the bot returned (an Adaptive Card).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import type { Logger } from "../../core/kernel/logger.js";

/** Activities are small; anything bigger is not from the Bot Connector. */
const MAX_BODY_BYTES = 512 * 1024;

export class TeamsHttpAdapter extends CloudAdapter {
  /**
   * Authenticates one inbound activity and runs `logic` on it. CloudAdapter.process would do the
   * same from an Express-shaped request, and print refused requests to the console itself.
   */
  receive(
    authorization: string,
    activity: Activity,
    logic: (ctx: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

export function messagesListener(
  adapter: TeamsHttpAdapter,
  logic: (ctx: TurnContext) => Promise<void>,
  logger: Logger,
): RequestListener {
  return (req, res) => {
    void handle(adapter, logic, logger, req, res).catch((e: unknown) => {
      logger.error({ err: e instanceof Error ? e.name : String(e) }, "teams request failed");
      send(res, 500, { error: "internal" });
    });
  };
}

async function handle(
  adapter: TeamsHttpAdapter,
  logic: (ctx: TurnContext) => Promise<void>,
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const raw = await readBody(req);
  if (raw === undefined) {
    send(res, 413, { error: "too_large" });
    return;
  }
  const activity = parseActivity(raw);
  if (!activity) {
    send(res, 400, { error: "not_an_activity" });
    return;
  }
  const header = req.headers.authorization;
  try {
    const answer = await adapter.receive(typeof header === "string" ? header : "", activity, logic);
    send(res, answer?.status ?? 200, answer?.body);
  } catch (e) {
    if (refused(e)) {
      // The reason names the failed check (audience, issuer, expiry…), never the token.
      logger.warn(
        { reason: e instanceof Error ? e.message.slice(0, 200) : "unauthorized" },
        "teams request refused",
      );
      send(res, 401, { error: "unauthorized" });
      return;
    }
    throw e;
  }
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseActivity(raw: string): Activity | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const type = (value as Record<string, unknown>).type;
    return typeof type === "string" && type ? (value as Activity) : undefined;
  } catch {
    return undefined;
  }
}

/** JWT libraries' names for a token that fails verification (a forged signature, a malformed token…). */
const JWT_FAILURES = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * A request the token check refused. botbuilder raises AuthenticationError for most failures but
 * lets the JWT library's own error through for a bad signature, which must be a 401 all the same.
 */
function refused(e: unknown): boolean {
  if (e instanceof AuthenticationError) return true;
  if (e instanceof Error && JWT_FAILURES.has(e.name)) return true;
  const status = typeof e === "object" && e !== null ? (e as Record<string, unknown>).statusCode : undefined;
  return status === 401;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
