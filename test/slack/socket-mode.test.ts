/** Socket Mode is chosen by configuration: no HTTP endpoint, and nothing dials Slack before start(). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { buildSlack } from "../../src/main.js";
import { type Harness, startHarness } from "../support/app-harness.js";
import { SLACK_FIXTURE } from "../support/slack-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: SLACK_FIXTURE });
});
afterAll(async () => {
  await h?.close();
});

describe("Socket Mode", () => {
  it("serves no HTTP path and connects only when started", async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SOCKET_MODE: "true",
      SLACK_APP_TOKEN: "xapp-1",
    });
    if (!config.slack) throw new Error("Slack should be configured");
    const slack = await buildSlack(h.app, config.slack);
    expect(slack.requestListener).toBeUndefined();
    expect(slack.paths).toEqual([]);
    expect(slack.inFlight()).toBe(0);
    // The egress guard (test/setup.ts) fails this file if constructing it reached for Slack.
  });
});
