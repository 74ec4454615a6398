/**
 * `/metrics`: the Prometheus exposition of the process's counters and scrape-time gauges. Served by
 * `switchboard serve` next to /healthz and /readyz; it carries counts only, never a name, token or
 * campaign, so it needs no authentication beyond where the port is reachable.
 */
import type { AppMetrics } from "./prom-metrics.js";
import { type Route, sendJson } from "./route-table.js";

export function metricsRoute(metrics: Pick<AppMetrics, "render" | "contentType">): Route {
  return {
    path: "/metrics",
    methods: ["GET", "HEAD"],
    handler: (req, res) => {
      metrics.render().then(
        (text) => {
          res.writeHead(200, { "content-type": metrics.contentType, "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : text);
        },
        () => sendJson(res, 500, { error: "metrics_unavailable" }),
      );
    },
  };
}
