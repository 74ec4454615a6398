import { describe, expect, it } from "vitest";
import { createAppMetrics } from "../../src/server/prom-metrics.js";

const sample = (text: string, series: string): number => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
};

describe("Switchboard's metrics on prom-client", () => {
  it("bounds command labels to the registry's names", async () => {
    const m = createAppMetrics({ commandNames: ["status"], pendingApprovals: async () => 3 });
    m.command("status", "ok", 0.02);
    m.command("status", "ok", 0.03);
    m.command("status", "refused", 0.001);
    m.command("something invented", "fault", 0.001);
    m.genesysCall(200);
    m.genesysCall(0);
    m.genesysCall(99_999);
    m.tokenFetch();
    m.rateLimited();
    const text = await m.render();
    expect(text).toContain('switchboard_commands_total{command="status",outcome="ok"} 2');
    expect(text).toContain('switchboard_commands_total{command="status",outcome="refused"} 1');
    expect(text).toContain('switchboard_commands_total{command="other",outcome="fault"} 1');
    expect(text).not.toContain("invented");
    expect(text).toContain('switchboard_command_duration_seconds_bucket{le="0.025",command="status"} 2');
    expect(text).toContain('switchboard_command_duration_seconds_count{command="status"} 3');
    expect(text).toContain('switchboard_genesys_requests_total{status="200"} 1');
    expect(text).toContain('switchboard_genesys_requests_total{status="0"} 2');
    expect(text).toContain("switchboard_genesys_token_fetches_total 1");
    expect(text).toContain("switchboard_genesys_rate_limited_total 1");
    expect(text).toContain("switchboard_approvals_pending 3");
  });

  it("exposes alert counts and the lease keeper's counts, read at scrape time", async () => {
    const m = createAppMetrics({ commandNames: [] });
    let counts = { held: 3, acquired: 4, lost: 1 };
    m.setLeaseCounts(() => counts);
    m.alertEvent();
    m.alertEvent();
    m.alertPosted();
    m.listenerReconnect();
    let text = await m.render();
    expect(text).toContain("# TYPE switchboard_listeners_held gauge\nswitchboard_listeners_held 3\n");
    expect(sample(text, "switchboard_listener_leases_acquired_total")).toBe(4);
    expect(sample(text, "switchboard_listener_leases_lost_total")).toBe(1);
    expect(sample(text, "switchboard_alert_events_total")).toBe(2);
    expect(sample(text, "switchboard_alerts_posted_total")).toBe(1);
    expect(sample(text, "switchboard_listener_reconnects_total")).toBe(1);
    counts = { held: 0, acquired: 4, lost: 4 };
    text = await m.render();
    expect(sample(text, "switchboard_listeners_held")).toBe(0);
    expect(sample(text, "switchboard_listener_leases_lost_total")).toBe(4);
  });

  it("serves Node's process metrics beside its own", async () => {
    const text = await createAppMetrics({ commandNames: [] }).render();
    expect(text).toContain("# TYPE nodejs_eventloop_lag_seconds gauge");
    expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    expect(text).toContain("# TYPE nodejs_gc_duration_seconds histogram");
    expect(text).toContain("nodejs_active_handles_total");
    expect(sample(text, "process_cpu_seconds_total")).toBeGreaterThan(0);
  });

  it("keeps two apps in one process apart, sharing the process metrics", async () => {
    const a = createAppMetrics({ commandNames: ["list"] });
    const b = createAppMetrics({ commandNames: ["list"] });
    a.command("list", "ok", 0.01);
    expect(sample(await a.render(), 'switchboard_commands_total{command="list",outcome="ok"}')).toBe(1);
    expect(await b.render()).not.toContain('switchboard_commands_total{command="list"');
  });

  it("still answers the scrape when the pending-approvals read fails", async () => {
    const m = createAppMetrics({
      commandNames: [],
      pendingApprovals: () => Promise.reject(new Error("db down")),
    });
    m.tokenFetch();
    const text = await m.render();
    // prom-client spells it "Nan"; Prometheus parses NaN case-insensitively.
    expect(text).toMatch(/^switchboard_approvals_pending nan$/im);
    expect(text).toContain("switchboard_genesys_token_fetches_total 1");
  });
});
