/**
 * Production mode: every activity must carry a Bot Connector JWT that botbuilder verifies against
 * the OpenID metadata and keys (a local stand-in here, with a generated RSA key endorsed for
 * msteams): issuer, audience (the app id), signature and expiry. A refused request is a 401 and runs
 * nothing; an accepted one is answered with the bot's own token on every outbound call.
 */
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { blockedEgress } from "../support/egress-guard.js";
import { ann, BOT_APP_ID, channelMessage } from "../support/teams-activities.js";
import { cardOf, textOf } from "../support/teams-connector.js";
import { OUTBOUND_TOKEN, startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
/** botbuilder prints refused tokens' errors to the console itself; kept here to check them, not shown. */
let printed: MockInstance<typeof console.error>;
beforeAll(async () => {
  printed = vi.spyOn(console, "error").mockImplementation(() => {});
  t = await startTeamsHarness({ auth: "app", answerWithinMs: 400 });
});
afterAll(async () => {
  printed.mockRestore();
  await t?.close();
});

const seconds = () => Math.floor(Date.now() / 1000);

describe("the Bot Connector token", () => {
  it("is accepted when valid, and replies and later edits carry the bot's token", async () => {
    const sent = await t.channel('campaign pause north India --reason "authenticated"', ann);
    expect(sent.status).toBe(200);
    const progress = t.connector.replyTo(sent.activityId);
    const final = await t.connector.waitForUpdate(t.connector.idOf(progress), (c) =>
      textOf(cardOf(c)).includes("Paused India in north"),
    );
    await t.settled();
    for (const call of [progress, final]) expect(call.headers.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(t.idp?.server.calls.map((c) => c.path)).toEqual(
      expect.arrayContaining(["/v1/.well-known/openidconfiguration", "/v1/.well-known/keys"]),
    );
    expect(t.h.sim.campaign("north", "India").status).toBe("off");
  });

  it.each([
    ["no token", () => null],
    [
      "a token for another audience",
      () => t.idp?.token({ aud: "99999999-9999-4999-8999-999999999999" }) ?? "",
    ],
    ["an expired token", () => t.idp?.token({ nbf: seconds() - 7200, exp: seconds() - 3600 }) ?? ""],
    ["a token from another issuer", () => t.idp?.token({ iss: "https://evil.example" }) ?? ""],
  ])("refuses %s with 401 and runs nothing", async (_name, token) => {
    const posts = t.connector.posts().length;
    const rows = (await t.h.app.services.audit.list({ limit: 1 }))[0]?.seq ?? 0;
    const activity = channelMessage(t.connector.url, "campaign pause north Golf", ann);
    const sent = await t.send(activity, { token: token() });
    expect(sent.status).toBe(401);
    await t.settled();
    expect(t.connector.posts().length).toBe(posts);
    expect((await t.h.app.services.audit.list({ limit: 1 }))[0]?.seq ?? 0).toBe(rows);
    expect(t.h.sim.campaign("north", "Golf").status).toBe("on");
    expect(t.logs.some((l) => l.includes("teams request refused"))).toBe(true);
  });

  it("refuses a token signed by another key, and never logs a token", async () => {
    const token = t.idp?.token() ?? "";
    const [head, body] = token.split(".");
    const forged = `${head}.${body}.${Buffer.from("not the signature").toString("base64url")}`;
    const sent = await t.send(channelMessage(t.connector.url, "campaign whoami", ann), { token: forged });
    expect(sent.status).toBe(401);
    expect(t.logs.join("\n")).not.toContain(body);
    expect(JSON.stringify(printed.mock.calls.map((c) => c.map(String)))).not.toContain(body);
  });

  it("talked only to the local stand-ins, with the app id as the audience, and no turn failed", () => {
    expect(t.idp?.token()).toContain(".");
    const claims = JSON.parse(Buffer.from(t.idp?.token().split(".")[1] ?? "", "base64url").toString());
    expect(claims).toMatchObject({ aud: BOT_APP_ID, iss: "https://api.botframework.com" });
    expect(t.teams.turnErrors()).toEqual([]);
    expect(blockedEgress).toEqual([]);
  });
});
