/** SLACK_* settings: one coherent setup or a start-up error naming the variable (never its value). */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe("Slack configuration", () => {
  it("is absent when neither a bot token nor an OAuth client is set", () => {
    expect(loadConfig({}).slack).toBeUndefined();
  });

  it("serves one workspace over HTTP with a bot token and signing secret", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack).toEqual({
      mode: "http",
      signingSecret: "s",
      appToken: undefined,
      auth: { kind: "token", botToken: "xoxb-1" },
      command: "/campaign",
    });
  });

  it("uses Socket Mode with an app token for local use", () => {
    const slack = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SOCKET_MODE: "true",
      SLACK_APP_TOKEN: "xapp-1",
    }).slack;
    expect(slack).toMatchObject({ mode: "socket", appToken: "xapp-1" });
  });

  it("serves several workspaces through OAuth", () => {
    const slack = loadConfig({
      SLACK_CLIENT_ID: "1.2",
      SLACK_CLIENT_SECRET: "c",
      SLACK_STATE_SECRET: "a-long-enough-state-secret",
      SLACK_SIGNING_SECRET: "s",
    }).slack;
    expect(slack?.auth).toEqual({
      kind: "oauth",
      clientId: "1.2",
      clientSecret: "c",
      stateSecret: "a-long-enough-state-secret",
    });
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET: is required in HTTP mode"],
    [
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SOCKET_MODE: "true" },
      "SLACK_APP_TOKEN: is required when SLACK_SOCKET_MODE",
    ],
    [
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_CLIENT_ID: "1", SLACK_SIGNING_SECRET: "s" },
      "SLACK_CLIENT_ID: set either SLACK_BOT_TOKEN",
    ],
    [
      { SLACK_CLIENT_ID: "1", SLACK_SIGNING_SECRET: "s" },
      "SLACK_CLIENT_SECRET: is required with SLACK_CLIENT_ID",
    ],
    [
      { SLACK_BOT_TOKEN: "xapp-wrong", SLACK_SIGNING_SECRET: "s" },
      "SLACK_BOT_TOKEN: must be a bot token (xoxb-…)",
    ],
    [
      { SLACK_SIGNING_SECRET: "s" },
      "SLACK_SIGNING_SECRET: is set, but Slack needs SLACK_BOT_TOKEN or SLACK_CLIENT_ID too",
    ],
    [
      { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_SOCKET_MODE: "maybe" },
      "SLACK_SOCKET_MODE: must be true or false",
    ],
  ])("refuses %o naming the variable", (env, expected) => {
    const found = problems(env);
    expect(found.join("\n")).toContain(expected);
    for (const [name, value] of Object.entries(env))
      if (/TOKEN|SECRET/.test(name) && value.length > 2) expect(found.join("\n")).not.toContain(value);
  });
});
