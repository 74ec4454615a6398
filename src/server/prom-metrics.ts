/**
 * The core's `Metrics` port implemented with prom-client, plus Node's process metrics (event-loop
 * lag, which decides whether Slack's 3-second ack is met; heap; GC; handles) from
 * `collectDefaultMetrics`. Label values stay bounded: command names come from the command registry
 * (anything else counts as "other"), outcomes are a closed set, Genesys statuses are HTTP codes.
 */
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Counter as PromCounter,
  Registry,
} from "prom-client";
import type { LeaseCounts } from "../core/leases/lease-keeper.js";
import type { CommandOutcome, Metrics } from "../core/metrics/metrics.js";

/** Command latency buckets (seconds): sub-millisecond parse errors up to a pause waiting a minute for `off`. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export interface AppMetrics extends Metrics {
  /** Campaign alerts: a notification event received, an alert message posted, a listener reconnect. */
  alertEvent(): void;
  alertPosted(): void;
  listenerReconnect(): void;
  /** The listener lease keeper's counts, read at scrape time (listeners held, leases taken and lost). */
  setLeaseCounts(read: () => LeaseCounts): void;
  /** The exposition for `/metrics`: this app's series, then the process's. */
  render(): Promise<string>;
  /** The exposition's content type. */
  readonly contentType: string;
}

export interface AppMetricsOptions {
  /** Every command name the dispatcher can report; others are folded into "other". */
  commandNames: readonly string[];
  /** Approval requests still waiting for a decision (read at scrape time). */
  pendingApprovals?: () => Promise<number>;
}

/**
 * Process metrics belong to the process, not to one app: a test or tool that builds several apps in
 * one process shares this registry instead of starting one set of GC and event-loop observers each.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createAppMetrics(options: AppMetricsOptions): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const commands = new Counter({
    name: "switchboard_commands_total",
    help: "Chat commands dispatched, by command and outcome.",
    labelNames: ["command", "outcome"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "switchboard_command_duration_seconds",
    help: "Time from dispatch to reply, by command.",
    labelNames: ["command"] as const,
    buckets: COMMAND_BUCKETS,
    registers,
  });
  const genesys = new Counter({
    name: "switchboard_genesys_requests_total",
    help: "HTTP answers from Genesys Cloud (token endpoint included), by status; 0 = no answer (timeout, network).",
    labelNames: ["status"] as const,
    registers,
  });
  const tokens = new Counter({
    name: "switchboard_genesys_token_fetches_total",
    help: "Access tokens granted to org clients.",
    registers,
  });
  const limited = new Counter({
    name: "switchboard_genesys_rate_limited_total",
    help: "429 Too Many Requests answers from Genesys Cloud.",
    registers,
  });
  const alertEvents = new Counter({
    name: "switchboard_alert_events_total",
    help: "Campaign notification events received from Genesys.",
    registers,
  });
  const alertsPosted = new Counter({
    name: "switchboard_alerts_posted_total",
    help: "Alert messages posted (one per incident and channel).",
    registers,
  });
  const reconnects = new Counter({
    name: "switchboard_listener_reconnects_total",
    help: "Notification listener reconnects (any cause).",
    registers,
  });
  let leases: () => LeaseCounts = () => ({ held: 0, acquired: 0, lost: 0 });
  new Gauge({
    name: "switchboard_listeners_held",
    help: "Orgs whose notification listener this replica holds the lease for.",
    registers,
    collect() {
      this.set(leases().held);
    },
  });
  // The keeper counts takes and losses itself; these counters mirror its totals at scrape time.
  new Counter({
    name: "switchboard_listener_leases_acquired_total",
    help: "Listener leases this replica took (start or takeover).",
    registers,
    collect() {
      this.reset();
      this.inc(leases().acquired);
    },
  });
  new Counter({
    name: "switchboard_listener_leases_lost_total",
    help: "Listener leases this replica gave up (refused, expired, store error, unwatched, stopped).",
    registers,
    collect() {
      this.reset();
      this.inc(leases().lost);
    },
  });
  const pending = options.pendingApprovals;
  if (pending) {
    new Gauge({
      name: "switchboard_approvals_pending",
      help: "Approval requests waiting for a decision (NaN when the database could not be read).",
      registers,
      // A failed read must not fail the whole scrape: the other series still matter then.
      async collect() {
        this.set(await pending().catch(() => Number.NaN));
      },
    });
  }

  const known = new Set([...options.commandNames, "(unparsed)"]);
  // Children are looked up once per series, not per event: the dispatcher reports every command.
  const byOutcome = new Map<string, PromCounter.Internal>();
  const byLatency = new Map<string, ReturnType<typeof latency.labels>>();
  const byStatus = new Map<number, PromCounter.Internal>();

  return {
    command(name: string, outcome: CommandOutcome, seconds: number) {
      const label = known.has(name) ? name : "other";
      const key = `${label}\u0000${outcome}`;
      let counter = byOutcome.get(key);
      if (!counter) {
        counter = commands.labels(label, outcome);
        byOutcome.set(key, counter);
      }
      counter.inc();
      let timer = byLatency.get(label);
      if (!timer) {
        timer = latency.labels(label);
        byLatency.set(label, timer);
      }
      timer.observe(seconds);
    },
    genesysCall(status: number) {
      const code = Number.isInteger(status) && status >= 100 && status < 600 ? status : 0;
      let counter = byStatus.get(code);
      if (!counter) {
        counter = genesys.labels(String(code));
        byStatus.set(code, counter);
      }
      counter.inc();
    },
    tokenFetch() {
      tokens.inc();
    },
    rateLimited() {
      limited.inc();
    },
    alertEvent: () => alertEvents.inc(),
    alertPosted: () => alertsPosted.inc(),
    listenerReconnect: () => reconnects.inc(),
    setLeaseCounts(read) {
      leases = read;
    },
    async render() {
      return `${await registry.metrics()}\n${await processMetrics().metrics()}`;
    },
    contentType: Registry.PROMETHEUS_CONTENT_TYPE,
  };
}
