/**
 * Bolt refuses requests signed more than five minutes ago, but not ones dated ahead: a request signed
 * with a timestamp an hour in the future stays replayable for that hour (issue 11 row 13). This
 * refuses those with 401 before Bolt reads the body. Slack's clocks are NTP-synced, so five minutes
 * of skew is ample, the same tolerance Bolt gives the past.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "../../core/kernel/logger.js";

const MAX_AHEAD_SECONDS = 5 * 60;

export function refuseFutureTimestamps(
  inner: RequestListener,
  logger: Pick<Logger, "warn">,
  nowMs: () => number = Date.now,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers["x-slack-request-timestamp"];
    const seconds = Number(Array.isArray(header) ? header[0] : header);
    if (header !== undefined && Number.isFinite(seconds) && seconds > nowMs() / 1000 + MAX_AHEAD_SECONDS) {
      logger.warn(
        { path: req.url, aheadSeconds: Math.round(seconds - nowMs() / 1000) },
        "slack request refused: timestamp in the future",
      );
      req.resume();
      res.writeHead(401, { "content-type": "text/plain" }).end("Request timestamp is in the future.");
      return;
    }
    return inner(req, res);
  };
}
