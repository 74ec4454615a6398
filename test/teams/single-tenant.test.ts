/**
 * A SingleTenant bot answers only its own Entra tenant (issue 11 row 13): an activity with a valid
 * Bot Connector token but from another tenant runs nothing. Real botbuilder over HTTP, with the
 * app's auth settings made by loadConfig (MICROSOFT_APP_TYPE=SingleTenant).
 */
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { ann, channelMessage, TENANT } from "../support/teams-activities.js";
import { cardOf, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

const OTHER_TENANT = "0a0b0c0d-1111-4222-8333-444455556666";

let t: TeamsHarness;
let printed: MockInstance<typeof console.error>;
beforeAll(async () => {
  printed = vi.spyOn(console, "error").mockImplementation(() => {});
  t = await startTeamsHarness({ auth: "app", singleTenant: TENANT.toLowerCase(), answerWithinMs: 400 });
});
afterAll(async () => {
  printed.mockRestore();
  await t?.close();
});

describe("a SingleTenant bot", () => {
  it("answers an activity from its own tenant", async () => {
    const sent = await t.channel("campaign help", ann);
    expect(sent.status).toBe(200);
    await t.settled();
    expect(textOf(cardOf(t.connector.replyTo(sent.activityId)))).toContain("Switchboard");
  });

  it.each([
    ["another tenant", { conversation: OTHER_TENANT, channelData: OTHER_TENANT }],
    ["another tenant in channelData only", { conversation: TENANT, channelData: OTHER_TENANT }],
    ["no tenant at all", { conversation: undefined, channelData: undefined }],
  ])("runs nothing for an activity from %s, even with a valid token", async (_name, tenants) => {
    const posts = t.connector.posts().length;
    const rows = (await t.h.app.services.audit.list({ limit: 1 }))[0]?.seq ?? 0;
    const activity = channelMessage(t.connector.url, "campaign pause north Golf", ann);
    const forged = {
      ...activity,
      conversation: { ...activity.conversation, tenantId: tenants.conversation },
      channelData: {
        ...activity.channelData,
        tenant: tenants.channelData ? { id: tenants.channelData } : undefined,
      },
    };
    const sent = await t.send(forged);
    expect(sent.status).toBeLessThan(500);
    await t.settled();
    expect(t.connector.posts().length).toBe(posts);
    expect((await t.h.app.services.audit.list({ limit: 1 }))[0]?.seq ?? 0).toBe(rows);
    expect(t.h.sim.campaign("north", "Golf").status).toBe("on");
    expect(t.logs.some((l) => l.includes("not from this bot's tenant"))).toBe(true);
  });
});
