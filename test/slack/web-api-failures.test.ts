/**
 * Slack's Web API failing: a rate limit is waited out (Retry-After) and the call retried; a channel the
 * bot may not post in falls back to the response_url; failures are logged by method and Slack's error
 * code, never with a token.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/slack-fake.js";
import { ann, BOT_TOKEN, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

let s: SlackHarness;
beforeAll(async () => {
  s = await startSlackHarness({ retries: 1 });
});
afterAll(async () => {
  await s?.close();
});

describe("Slack Web API failures", () => {
  it("waits out a 429 for its Retry-After and posts the message", async () => {
    s.fake.failNext("chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      json: { ok: false, error: "ratelimited" },
    });
    const before = s.fake.api("chat.postMessage").length;
    await s.command('resume north Alpha --reason "after a 429"', ann);
    const posted = await s.fake.waitForApi(
      "chat.postMessage",
      (c) => c.answer?.status === undefined && textOf(c).includes("resume Alpha"),
    );
    await s.settled();
    const attempts = s.fake.api("chat.postMessage").slice(before);
    expect(attempts.map((c) => c.answer?.status ?? 200)).toEqual([429, 200]);
    expect(posted.at - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(s.logs.join("\n")).toMatch(/rate limit.*retry in 1 second/i);
    const [pending] = await s.h.app.services.approvals.listPending("north");
    expect(pending?.messageRef).toMatch(/^C1:/);
  });

  it("answers through the response_url when the bot may not post in the channel, logging why", async () => {
    s.fake.failNext("chat.postMessage", { json: { ok: false, error: "channel_not_found" } });
    const sent = await s.command('resume north Beta --reason "private channel"', ann, {
      channel: "G-private",
    });
    const answer = await s.fake.waitForResponse(sent.responseUrl);
    await s.settled();
    expect(answer.body).toMatchObject({ response_type: "in_channel" });
    expect(textOf(answer)).toContain("<@UANN> asks to resume Beta in north.");
    const logged = s.logs.find((l) => l.includes("slack call failed") && l.includes("channel_not_found"));
    expect(logged).toContain('"slackMethod":"chat.postMessage"');
    expect(s.logs.join("\n")).not.toContain(BOT_TOKEN);
  });
});
