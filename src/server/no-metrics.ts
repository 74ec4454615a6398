import { noopMetrics } from "../core/metrics/metrics.js";
import type { AppMetrics } from "./prom-metrics.js";

/**
 * Metrics for a process that never serves `/metrics` (`exec`, the shell): nothing is counted, and
 * prom-client, ~90 modules with its OpenTelemetry dependency, is never loaded.
 */
export const noAppMetrics: AppMetrics = {
  ...noopMetrics,
  alertEvent() {},
  alertPosted() {},
  listenerReconnect() {},
  setLeaseCounts() {},
  render: async () => "",
  contentType: "text/plain; charset=utf-8",
};
