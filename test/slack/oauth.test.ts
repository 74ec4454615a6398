/**
 * Several workspaces: the OAuth install flow stores each workspace's installation (bot token sealed
 * in the database), and each request is answered with the token of the workspace it came from.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/slack-fake.js";
import {
  OAUTH_CLIENT_ID,
  type SlackHarness,
  type SlackUser,
  startSlackHarness,
} from "../support/slack-harness.js";

const TEAM_TOKEN = "xoxb-installed-in-t2";
const t2: SlackUser = { team: "T2", id: "UZED", name: "zed" };

let s: SlackHarness;
beforeAll(async () => {
  s = await startSlackHarness({ oauth: true });
  s.fake.failNext("oauth.v2.access", {
    json: {
      ok: true,
      app_id: "A1",
      authed_user: { id: "UZED" },
      scope: "commands,chat:write,chat:write.public,users:read,users:read.email",
      token_type: "bot",
      access_token: TEAM_TOKEN,
      bot_user_id: "UBOT2",
      team: { id: "T2", name: "Second Workspace" },
      enterprise: null,
      is_enterprise_install: false,
    },
  });
  // zed supervises north in the second workspace.
  const ann = await s.h.app.services.identities.get("slack:T1:UANN", "north");
  if (!ann) throw new Error("fixture: ann is not mapped");
  await s.h.app.services.identities.map({
    chatIdentity: "slack:T2:UZED",
    orgSlug: "north",
    genesys: ann.genesys,
    createdBy: "test",
  });
});
afterAll(async () => {
  await s?.close();
});

describe("installing in several workspaces", () => {
  it("sends an installer to Slack's consent page with the app's scopes", async () => {
    const res = await fetch(`${s.server.url}/slack/install`, { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.searchParams.get("client_id")).toBe(OAUTH_CLIENT_ID);
    expect(location.searchParams.get("scope")).toBe(
      "commands,chat:write,chat:write.public,users:read,users:read.email",
    );
  });

  it("stores the installation sealed and answers that workspace with its own token", async () => {
    const install = await fetch(`${s.server.url}/slack/install`, { redirect: "manual" });
    const state = new URL(install.headers.get("location") ?? "").searchParams.get("state") ?? "";
    const cookie = (install.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const done = await fetch(
      `${s.server.url}/slack/oauth_redirect?code=c0de&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
      },
    );
    expect(done.status).toBe(200);
    const exchanged = await s.fake.waitForApi("oauth.v2.access");
    expect(exchanged.body).toMatchObject({ code: "c0de", client_id: OAUTH_CLIENT_ID });

    const stored = await s.h.app.store.db.slackInstallation.findUnique({ where: { key: "T:T2" } });
    expect(stored?.teamId).toBe("T2");
    expect(JSON.stringify(stored)).not.toContain(TEAM_TOKEN);

    const sent = await s.command('resume north Alpha --reason "from T2"', t2);
    expect(sent.status).toBe(200);
    const posted = await s.fake.waitForApi("chat.postMessage", (c) =>
      textOf(c).includes("asks to resume Alpha"),
    );
    expect(posted.headers.authorization).toBe(`Bearer ${TEAM_TOKEN}`);
  });

  it("refuses requests from a workspace that never installed the app", async () => {
    const sent = await s.command("help", { team: "T9", id: "U9", name: "nobody" });
    expect(sent.status).toBe(401);
  });
});
