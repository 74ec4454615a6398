/**
 * Automap through the real CloudAdapter: an unmapped Teams user in an org with automap on is mapped
 * by the email the conversation roster (TeamsInfo.getMember's call, answered by the connector
 * stand-in) shows for their AAD object id; a guest UPN or no match leaves them unmapped, with why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityOf, type TeamsUser } from "../support/teams-activities.js";
import { cardOf, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
beforeAll(async () => {
  t = await startTeamsHarness();
  await t.h.app.services.orgs.setAutomap("north", true);
});
afterAll(async () => {
  await t?.close();
});

const person = (n: number, name: string): TeamsUser => ({
  name,
  aadObjectId: `D${n}D${n}D${n}D${n}-0000-4000-8000-00000000000${n}`,
  id: `29:${name.toLowerCase()}`,
});

async function answer(text: string, as: TeamsUser): Promise<string> {
  const sent = await t.channel(text, as);
  await t.settled();
  return textOf(cardOf(t.connector.replyTo(sent.activityId)));
}

describe("automap on Teams", () => {
  it("maps a sender whose roster email one active Genesys user has, and runs their command", async () => {
    const dee = person(1, "Dee");
    t.connector.setMember(dee, { email: "ben@north.test", userPrincipalName: "dee@contoso.example" });
    expect(await answer("campaign list north", dee)).toContain("north: 16 campaigns");
    const calls = t.connector.memberCalls();
    expect(calls.at(-1)?.path).toMatch(/\/members\/D1D1D1D1-0000-4000-8000-000000000001$/i);
    const mapping = await t.h.app.services.identities.get(identityOf(dee), "north");
    expect(mapping).toMatchObject({
      createdBy: "automap",
      genesys: { kind: "user", email: "ben@north.test" },
    });
    const rows = await t.h.app.services.audit.list({ actor: "automap", limit: 5 });
    expect(rows.find((r) => r.target === identityOf(dee))).toMatchObject({
      action: "user.automap",
      platform: "teams",
      outcome: "success",
    });
  });

  it("falls back to the UPN when the roster has no email", async () => {
    const eve = person(2, "Eve");
    t.connector.setMember(eve, { userPrincipalName: "vic@north.test" });
    await answer("campaign list north", eve);
    const mapping = await t.h.app.services.identities.get(identityOf(eve), "north");
    expect(mapping?.genesys).toMatchObject({ kind: "user", email: "vic@north.test" });
  });

  it("leaves a guest, an unknown email and a sender missing from the roster unmapped, saying why", async () => {
    const gus = person(3, "Gus");
    t.connector.setMember(gus, { userPrincipalName: "ann_north.test#EXT#@contoso.onmicrosoft.com" });
    const guest = await answer("campaign list north", gus);
    expect(guest).toContain("are not mapped to a Genesys user or role in north");
    expect(guest).toContain("is a guest account");

    const hal = person(4, "Hal");
    t.connector.setMember(hal, { email: "hal@north.test" });
    expect(await answer("campaign list north", hal)).toContain(
      "no active Genesys user in north has your email hal@north.test",
    );

    const ida = person(5, "Ida");
    expect(await answer("campaign list north", ida)).toContain(
      "Teams did not return your roster entry (http_404",
    );
    for (const p of [gus, hal, ida]) {
      expect(await t.h.app.services.identities.get(identityOf(p), "north")).toBeNull();
    }
  });
});
