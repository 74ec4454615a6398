/**
 * Switchboard's metrics: the `Metrics` port backed by a Prometheus registry, plus scrape-time
 * gauges. Label values are bounded by construction: command names come from the command registry
 * (anything else counts as "other"), outcomes are a closed set, Genesys statuses are HTTP codes.
 */
import type { CommandOutcome, Metrics } from "./metrics.js";
import {
  Counter,
  type CounterCell,
  Histogram,
  type HistogramCell,
  Registry,
  ScrapeGauge,
} from "./registry.js";

/** Command latency buckets (seconds): sub-millisecond parse errors up to a pause waiting a minute for `off`. */
export const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export interface AppMetrics extends Metrics {
  /** Campaign alerts: a notification event received, an alert message posted, a listener reconnect. */
  alertEvent(): void;
  alertPosted(): void;
  listenerReconnect(): void;
  /** Orgs whose notification listener this replica holds (read at scrape time). */
  setListenersHeld(read: () => number): void;
  /** The exposition for `/metrics`. */
  render(): Promise<string>;
}

export interface AppMetricsOptions {
  /** Every command name the dispatcher can report; others are folded into "other". */
  commandNames: readonly string[];
  /** Approval requests still waiting for a decision (read at scrape time). */
  pendingApprovals?: () => Promise<number>;
}

interface CommandCells {
  outcomes: Partial<Record<CommandOutcome, CounterCell>>;
  latency: HistogramCell;
}

export function createAppMetrics(options: AppMetricsOptions): AppMetrics {
  const registry = new Registry();
  const commands = registry.register(
    new Counter("switchboard_commands_total", "Chat commands dispatched, by command and outcome.", [
      "command",
      "outcome",
    ]),
  );
  const latency = registry.register(
    new Histogram(
      "switchboard_command_duration_seconds",
      "Time from dispatch to reply, by command.",
      ["command"],
      COMMAND_BUCKETS,
    ),
  );
  const genesys = registry.register(
    new Counter(
      "switchboard_genesys_requests_total",
      "HTTP answers from Genesys Cloud (token endpoint included), by status; 0 = no answer (timeout, network).",
      ["status"],
    ),
  );
  const tokens = registry.register(
    new Counter("switchboard_genesys_token_fetches_total", "Access tokens granted to org clients."),
  );
  const limited = registry.register(
    new Counter(
      "switchboard_genesys_rate_limited_total",
      "429 Too Many Requests answers from Genesys Cloud.",
    ),
  );
  const alertEvents = registry
    .register(new Counter("switchboard_alert_events_total", "Campaign notification events received."))
    .cell();
  const alertsPosted = registry
    .register(
      new Counter("switchboard_alerts_posted_total", "Alert messages posted (one per incident and channel)."),
    )
    .cell();
  const reconnects = registry
    .register(
      new Counter("switchboard_listener_reconnects_total", "Notification listener reconnects (any cause)."),
    )
    .cell();
  let listenersHeld = () => 0;
  registry.register(
    new ScrapeGauge(
      "switchboard_listeners_held",
      "Org notification listeners this replica holds.",
      async () => listenersHeld(),
    ),
  );
  const pending = options.pendingApprovals;
  if (pending) {
    registry.register(
      new ScrapeGauge("switchboard_approvals_pending", "Approval requests waiting for a decision.", pending),
    );
  }

  const known = new Set([...options.commandNames, "(unparsed)"]);
  const byCommand = new Map<string, CommandCells>();
  const byStatus = new Map<number, CounterCell>();
  const tokenCell = tokens.cell();
  const limitedCell = limited.cell();

  return {
    command(name, outcome, seconds) {
      const label = known.has(name) ? name : "other";
      let cells = byCommand.get(label);
      if (!cells) {
        cells = { outcomes: {}, latency: latency.cell(label) };
        byCommand.set(label, cells);
      }
      cells.outcomes[outcome] ??= commands.cell(label, outcome);
      cells.outcomes[outcome]?.inc();
      cells.latency.observe(seconds);
    },
    genesysCall(status) {
      const code = Number.isInteger(status) && status >= 100 && status < 600 ? status : 0;
      let cell = byStatus.get(code);
      if (!cell) {
        cell = genesys.cell(String(code));
        byStatus.set(code, cell);
      }
      cell.inc();
    },
    tokenFetch() {
      tokenCell.inc();
    },
    rateLimited() {
      limitedCell.inc();
    },
    alertEvent: () => alertEvents.inc(),
    alertPosted: () => alertsPosted.inc(),
    listenerReconnect: () => reconnects.inc(),
    setListenersHeld(read) {
      listenersHeld = read;
    },
    render: () => registry.render(),
  };
}
