import { describe, expect, it } from "vitest";
import { createAppMetrics } from "../../src/core/metrics/app-metrics.js";
import { Counter, Histogram, Registry, ScrapeGauge } from "../../src/core/metrics/registry.js";

describe("the Prometheus registry", () => {
  it("renders counters with HELP, TYPE and escaped label values", async () => {
    const registry = new Registry();
    const c = registry.register(new Counter("x_total", "Things.\nCounted.", ["name"]));
    c.cell('a "quoted" \\ name').inc();
    c.cell("plain").inc(2);
    expect(await registry.render()).toBe(
      [
        "# HELP x_total Things.\\nCounted.",
        "# TYPE x_total counter",
        'x_total{name="a \\"quoted\\" \\\\ name"} 1',
        'x_total{name="plain"} 2',
        "",
      ].join("\n"),
    );
  });

  it("renders histograms as cumulative buckets with +Inf, sum and count", async () => {
    const registry = new Registry();
    const h = registry.register(new Histogram("d_seconds", "Durations.", ["cmd"], [0.1, 1]));
    const cell = h.cell("status");
    for (const v of [0.05, 0.1, 0.5, 3]) cell.observe(v);
    const text = await registry.render();
    expect(text).toContain('d_seconds_bucket{cmd="status",le="0.1"} 2');
    expect(text).toContain('d_seconds_bucket{cmd="status",le="1"} 3');
    expect(text).toContain('d_seconds_bucket{cmd="status",le="+Inf"} 4');
    expect(text).toContain('d_seconds_sum{cmd="status"} 3.65');
    expect(text).toContain('d_seconds_count{cmd="status"} 4');
  });

  it("leaves a scrape-time gauge out of the scrape when reading it fails", async () => {
    const registry = new Registry();
    registry.register(new ScrapeGauge("up_things", "Up.", () => Promise.reject(new Error("db down"))));
    registry.register(new Counter("after_total", "Still rendered."));
    const text = await registry.render();
    expect(text).not.toContain("up_things");
    expect(text).toContain("# TYPE after_total counter");
  });
});

describe("Switchboard's metrics", () => {
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
    expect(text).toContain('switchboard_command_duration_seconds_count{command="status"} 3');
    expect(text).toContain('switchboard_genesys_requests_total{status="200"} 1');
    expect(text).toContain('switchboard_genesys_requests_total{status="0"} 2');
    expect(text).toContain("switchboard_genesys_token_fetches_total 1");
    expect(text).toContain("switchboard_genesys_rate_limited_total 1");
    expect(text).toContain("switchboard_approvals_pending 3");
  });
});
