/**
 * `/metrics`: the Prometheus exposition of the process's counters and scrape-time gauges. Served by
 * `switchboard serve` next to /healthz and /readyz; it carries counts only, never a name, token or
 * campaign, so it needs no authentication beyond where the port is reachable.
 */
import { METRICS_CONTENT_TYPE } from "./prom-metrics.js";
import { type Route, sendJson } from "./route-table.js";

export function metricsRoute(render: () => Promise<string>): Route {
  return {
    path: "/metrics",
    methods: ["GET", "HEAD"],
    handler: (req, res) => {
      render().then(
        (text) => {
          res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : text);
        },
        () => sendJson(res, 500, { error: "metrics_unavailable" }),
      );
    },
  };
}
