/**
 * The listener leases on /metrics: how many orgs this replica listens to now (summed across
 * replicas it is the number of orgs with a listener), and how often it took and lost one. Read from
 * the keeper at scrape time, so the keeper itself carries no metrics dependency. Serve registers it
 * next to the other collectors.
 */
import type { Collector } from "../metrics/registry.js";
import type { LeaseCounts } from "./lease-keeper.js";

export class LeaseCollector implements Collector {
  constructor(private readonly read: () => LeaseCounts) {}

  collect(out: string[]): void {
    const { held, acquired, lost } = this.read();
    out.push(
      "# HELP switchboard_listeners_held Orgs whose notification listener this replica holds the lease for.",
      "# TYPE switchboard_listeners_held gauge",
      `switchboard_listeners_held ${held}`,
      "# HELP switchboard_listener_leases_acquired_total Listener leases this replica took (start or takeover).",
      "# TYPE switchboard_listener_leases_acquired_total counter",
      `switchboard_listener_leases_acquired_total ${acquired}`,
      "# HELP switchboard_listener_leases_lost_total Listener leases this replica gave up (refused, expired, store error, unwatched, stopped).",
      "# TYPE switchboard_listener_leases_lost_total counter",
      `switchboard_listener_leases_lost_total ${lost}`,
    );
  }
}
