/**
 * The server's routes: a path, the methods it takes, and a plain node:http listener. Each surface
 * brings its own listener (Slack's Bolt receiver now, Teams' `/api/messages` next to it later), so
 * the server knows no platform.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export interface Route {
  /** Exact path, e.g. `/slack/events`. */
  path: string;
  /** Allowed methods; others get 405. */
  methods: readonly string[];
  handler: RequestListener;
}

export function routeRequest(routes: readonly Route[], req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  const route = routes.find((r) => r.path === path);
  if (!route) {
    sendJson(res, 404, { error: "not_found" });
    return;
  }
  if (!route.methods.includes(req.method ?? "")) {
    res.setHeader("allow", route.methods.join(", "));
    sendJson(res, 405, { error: "method_not_allowed" });
    return;
  }
  route.handler(req, res);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}
