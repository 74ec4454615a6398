/**
 * `/metrics` as `serve` mounts it (the same route table), after a few real Slack commands: the
 * Prometheus text format, commands by outcome with their latency, Genesys answers by status, token
 * fetches, 429s and pending approvals, and nothing that identifies a person, org or campaign.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/slack-fake.js";
import { ann, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

describe("/metrics", () => {
  let s: SlackHarness;
  beforeAll(async () => {
    s = await startSlackHarness();
  });
  afterAll(() => s.close());

  async function scrape(): Promise<{ status: number; type: string | null; text: string }> {
    const res = await fetch(`${s.server.url}/metrics`);
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
  }

  const sample = (text: string, series: string): number => {
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
  };

  it("counts commands, Genesys calls, tokens and pending approvals", async () => {
    for (const text of ["list north", "status north Alpha", "status north Nowhere", "frobnicate"]) {
      await s.command(text, ann);
      await s.settled();
    }
    await s.command('resume north Charlie --reason "metrics"', ann);
    await s.fake.waitForApi("chat.postMessage", (c) => textOf(c).includes("asks to resume Charlie"));
    await s.settled();

    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toBe("text/plain; version=0.0.4; charset=utf-8");
    // prom-client's process metrics sit beside ours (event-loop lag bears on Slack's 3-second ack).
    expect(text).toContain("# TYPE nodejs_eventloop_lag_seconds gauge");
    expect(text).toContain("# TYPE switchboard_commands_total counter");
    expect(sample(text, 'switchboard_commands_total{command="list",outcome="ok"}')).toBe(1);
    expect(sample(text, 'switchboard_commands_total{command="status",outcome="ok"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      sample(text, 'switchboard_commands_total{command="status",outcome="refused"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'switchboard_commands_total{command="(unparsed)",outcome="refused"}')).toBe(1);
    expect(text).toContain("# TYPE switchboard_command_duration_seconds histogram");
    expect(sample(text, 'switchboard_command_duration_seconds_bucket{le="+Inf",command="list"}')).toBe(1);
    expect(sample(text, 'switchboard_command_duration_seconds_count{command="list"}')).toBe(1);
    expect(sample(text, 'switchboard_genesys_requests_total{status="200"}')).toBeGreaterThan(3);
    expect(sample(text, "switchboard_genesys_token_fetches_total")).toBe(1);
    // No 429 here (the storm test counts those without waiting out a real Retry-After).
    expect(sample(text, "switchboard_genesys_rate_limited_total")).toBe(0);
    expect(sample(text, "switchboard_approvals_pending")).toBe(1);
    // Counts only: no users, orgs, campaigns or tokens.
    for (const word of ["north", "Charlie", "Alpha", "UANN", "xoxb", "frobnicate"])
      expect(text).not.toContain(word);
  });

  it("answers HEAD without a body and refuses other methods", async () => {
    const head = await fetch(`${s.server.url}/metrics`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await fetch(`${s.server.url}/metrics`, { method: "POST" })).status).toBe(405);
  });
});
