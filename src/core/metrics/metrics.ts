/**
 * The core's metrics port: what the dispatcher and the Genesys client report, named by meaning,
 * not by exposition format. The composition root wires a Prometheus registry behind it
 * (src/server/prom-metrics.ts, with prom-client); tests and tools that do not care pass `noopMetrics`.
 */

/** How a command ended, exactly as the dispatcher logs it. */
export type CommandOutcome = "ok" | "failed" | "refused" | "fault";

export interface Metrics {
  /** One dispatched command: its registry name (or "(unparsed)"), how it ended, and how long it took. */
  command(name: string, outcome: CommandOutcome, seconds: number): void;
  /** One HTTP answer from Genesys (token endpoint included); 0 when none arrived (timeout, network). */
  genesysCall(status: number): void;
  /** One access token granted to an org client. */
  tokenFetch(): void;
  /** One 429 from Genesys. */
  rateLimited(): void;
}

export const noopMetrics: Metrics = {
  command() {},
  genesysCall() {},
  tokenFetch() {},
  rateLimited() {},
};
