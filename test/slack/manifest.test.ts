/** manifest.yml stays in step with the app: the command, the scopes it asks for, the endpoints it serves. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLACK_PATHS, SLACK_SCOPES } from "../../src/adapters/slack/slack-app.js";
import { loadConfig } from "../../src/config.js";

const manifest = parse(readFileSync(path.resolve(import.meta.dirname, "../../manifest.yml"), "utf8"));

describe("the Slack app manifest", () => {
  it("registers the slash command the app listens to, with a usage hint", () => {
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe(
      loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack?.command,
    );
    expect(command.usage_hint).toContain("list <org>");
  });

  it("asks for exactly the scopes the app requests when installed", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(SLACK_SCOPES);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("sends commands, clicks and events to the events endpoint, and installs back to the redirect path", () => {
    const events = `https://YOUR-HOST${SLACK_PATHS.events}`;
    expect(manifest.features.slash_commands[0].url).toBe(events);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: events });
    // Nothing Slack verifies at creation, before `serve` can answer; the events are there to uncomment.
    expect(manifest.settings.event_subscriptions).toBeUndefined();
    const raw = readFileSync(path.resolve(import.meta.dirname, "../../manifest.yml"), "utf8");
    const commented = parse(
      raw.replace(/^(\s*)# (event_subscriptions:| {2}request_url:| {2}bot_events:| {4}- )/gm, "$1$2"),
    );
    expect(commented.settings.event_subscriptions).toEqual({
      request_url: events,
      bot_events: ["app_uninstalled", "tokens_revoked"],
    });
    expect(manifest.oauth_config.redirect_urls).toEqual([`https://YOUR-HOST${SLACK_PATHS.oauthRedirect}`]);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
