/**
 * `/campaign` through the real Bolt app over HTTP, signed as Slack signs, with a local stand-in for
 * the Web API and response_urls: the ack comes first and fast, answers arrive where they belong,
 * and nothing is done twice or without a valid signature.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedEgress } from "../support/egress-guard.js";
import { blocksOf, textOf } from "../support/slack-fake.js";
import { ann, BOT_TOKEN, messageTs, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

let s: SlackHarness;
beforeAll(async () => {
  s = await startSlackHarness();
});
afterAll(async () => {
  await s?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("/campaign", () => {
  it("acks at once with an empty 200, then answers the caller alone at response_url in Block Kit", async () => {
    const sent = await s.command("list north", ann);
    expect(sent.status).toBe(200);
    expect(sent.text).toBe("");
    const answer = await s.fake.waitForResponse(sent.responseUrl);
    expect(answer.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    const blocks = blocksOf(answer);
    expect(blocks[0]).toMatchObject({
      type: "section",
      text: { type: "mrkdwn", text: "*north: 11 campaigns*" },
    });
    expect(blocks[1]).toMatchObject({ type: "context" });
    expect(JSON.stringify(blocks[1])).toContain("Campaign  ·  Status  ·  Mode  ·  Division  ·  Progress");
    const rows = JSON.stringify(blocks[2]);
    expect(rows).toContain("*Alpha*  ·  :black_circle: off");
    expect(rows).toContain("*Golf*  ·  :large_green_circle: on");
    expect(String(answer.body.text)).toContain("north: 11 campaigns");
  });

  it("answers a command line that does not parse in the ack itself, and audits it", async () => {
    const sent = await s.command("list", ann);
    expect(sent.status).toBe(200);
    expect(sent.json).toMatchObject({ response_type: "ephemeral" });
    const ack = JSON.stringify(sent.json);
    expect(ack).toContain(":x: list needs &lt;org&gt;.");
    expect(ack).toContain(":bulb: Usage: list &lt;org&gt; [filter…] [--status STATUS]");
    await s.settled();
    expect(s.fake.responses(sent.responseUrl)).toEqual([]);
    const [row] = await s.h.app.services.audit.list({ actor: "slack:T1:UANN", limit: 1 });
    expect(row).toMatchObject({ action: "list", outcome: "failure", platform: "slack", channel: "C1" });
  });

  it("posts a change in the channel and edits one progress message until the final reply", async () => {
    const before = s.fake.api("chat.postMessage").length;
    const sent = await s.command('pause north Hotel --reason "list stale"', ann);
    expect(sent.status).toBe(200);
    const progress = await s.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("Hotel (north): stopping"),
    );
    const final = await s.fake.waitForApi(
      "chat.update",
      (c) => c.body.ts === messageTs(progress) && textOf(c).includes("Paused Hotel in north"),
    );
    expect(final.body.channel).toBe("C1");
    expect(textOf(final)).toContain(":white_check_mark: Paused Hotel in north: on → stopping → off");
    await s.settled();
    expect(s.fake.api("chat.postMessage").length).toBe(before + 1);
    expect(s.fake.responses(sent.responseUrl)).toEqual([]);
    expect(s.h.sim.campaign("north", "Hotel").status).toBe("off");
  });

  it("acks before the work ends even while Genesys answers after 3.5 s", { timeout: 40_000 }, async () => {
    await s.command("list north India", ann).then((warm) => s.fake.waitForResponse(warm.responseUrl));
    s.h.sim.setFaults({ latencyMs: 3500 });
    try {
      const sent = await s.command("list north India", ann);
      expect(sent.status).toBe(200);
      // The HTTP answer (the ack) came back while the work it started had not reached Slack yet.
      expect(s.fake.responses(sent.responseUrl)).toEqual([]);
      const answer = await s.fake.waitForResponse(sent.responseUrl, 30_000);
      expect(textOf(answer)).toContain("*India*");
    } finally {
      s.h.sim.setFaults({ latencyMs: 0 });
    }
  });

  it("runs a redelivered command once (x-slack-retry-num, same body)", async () => {
    const first = await s.command('resume north Charlie --reason "fixed"', ann);
    const retry = await s.post(first.raw, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    await s.fake.waitForApi("chat.postMessage", (c) => textOf(c).includes("asks to resume Charlie"));
    await s.settled();
    const requests = (await s.h.app.services.approvals.listPending("north")).filter((r) =>
      r.targets.some((t) => t.campaignName === "Charlie"),
    );
    expect(requests).toHaveLength(1);
    expect(
      s.fake.api("chat.postMessage").filter((c) => textOf(c).includes("asks to resume Charlie")),
    ).toHaveLength(1);
  });

  it.each([
    ["a bad signature", { signWith: "not-the-secret" }],
    ["a stale timestamp", { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    // Correctly signed, but dated ahead: replayable until then (issue 11 row 13).
    ["a timestamp 10 minutes in the future", { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 }],
    ["a timestamp a day in the future", { timestamp: Math.floor(Date.now() / 1000) + 86_400 }],
    ["no signature", { unsigned: true }],
  ])("refuses %s with 401 and runs nothing", async (_name, options) => {
    const calls = s.fake.calls.length;
    const rows = (await s.h.app.services.audit.list({ limit: 1 }))[0]?.seq ?? 0;
    const sent = await s.command("resume north Echo", ann, options);
    expect(sent.status).toBe(401);
    await sleep(150);
    await s.settled();
    expect(s.fake.calls.length).toBe(calls);
    expect((await s.h.app.services.audit.list({ limit: 1 }))[0]?.seq ?? 0).toBe(rows);
    expect(s.h.sim.campaign("north", "Echo").status).toBe("off");
  });

  it("used only the local stand-in for Slack, with the bot token, never slack.com", () => {
    const api = s.fake.calls.filter((c) => c.path.startsWith("/api/"));
    expect(api.length).toBeGreaterThan(0);
    for (const call of api) expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(blockedEgress).toEqual([]);
  });
});
