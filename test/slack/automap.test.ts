/**
 * Automap through the real Bolt app: an unmapped Slack user in an org with automap on is mapped by
 * the profile email users.info returns (confirmed only), and their first command runs; otherwise the
 * usual "not mapped" answer says why. With automap off, Slack is not even asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/slack-fake.js";
import { type SlackHarness, type SlackUser, startSlackHarness } from "../support/slack-harness.js";

let s: SlackHarness;
beforeAll(async () => {
  s = await startSlackHarness();
});
afterAll(async () => {
  await s?.close();
});

const user = (id: string): SlackUser => ({ team: "T1", id, name: id.toLowerCase() });
const setAutomap = (on: boolean) => s.h.app.services.orgs.setAutomap("north", on);

async function run(text: string, as: SlackUser): Promise<string> {
  const sent = await s.command(text, as);
  const answer = await s.fake.waitForResponse(sent.responseUrl);
  await s.settled();
  return textOf(answer);
}

const usersInfoFor = (id: string) => s.fake.api("users.info").filter((c) => c.body.user === id);

describe("automap on Slack", () => {
  it("with automap off, an unmapped user is refused without Slack being asked for their email", async () => {
    await setAutomap(false);
    s.fake.setProfileEmail("UOFF", "ann@north.test");
    const text = await run("list north", user("UOFF"));
    expect(text).toContain("are not mapped to a Genesys user or role in north");
    expect(text).not.toContain("Automap");
    expect(usersInfoFor("UOFF")).toEqual([]);
    expect(await s.h.app.services.identities.get("slack:T1:UOFF", "north")).toBeNull();
  });

  it("maps a user whose confirmed Slack email one active Genesys user has, runs the command, and audits it", async () => {
    await setAutomap(true);
    s.fake.setProfileEmail("UNEW", "Ann@North.test");
    const text = await run("list north", user("UNEW"));
    expect(text).toContain("north: 11 campaigns");
    expect(usersInfoFor("UNEW")).toHaveLength(1);
    const mapping = await s.h.app.services.identities.get("slack:T1:UNEW", "north");
    expect(mapping).toMatchObject({
      createdBy: "automap",
      genesys: { kind: "user", email: "ann@north.test" },
    });
    const rows = await s.h.app.services.audit.list({ actor: "automap", limit: 5 });
    const row = rows.find((r) => r.action === "user.automap");
    expect(row).toMatchObject({
      actor: "automap",
      platform: "slack",
      orgSlug: "north",
      target: "slack:T1:UNEW",
      outcome: "success",
    });
    // Mapped now: the next command does not ask Slack again.
    expect(await run("status north Golf", user("UNEW"))).toContain("Golf");
    expect(usersInfoFor("UNEW")).toHaveLength(1);
  });

  it("refuses with the reason when Slack has not confirmed the email", async () => {
    s.fake.setProfileEmail("UUNC", "ben@north.test", false);
    const text = await run("list north", user("UUNC"));
    expect(text).toContain("are not mapped to a Genesys user or role in north");
    expect(text).toContain(
      "Automap is on here but could not map you: Slack has not confirmed your email address",
    );
    expect(await s.h.app.services.identities.get("slack:T1:UUNC", "north")).toBeNull();
  });

  it("refuses with the reason when no Genesys user has the email, or Slack shares none", async () => {
    s.fake.setProfileEmail("UZOE", "zoe@north.test");
    expect(await run("list north", user("UZOE"))).toContain(
      "could not map you: no active Genesys user in north has your email zoe@north.test",
    );
    expect(await run("list north", user("UNOMAIL"))).toContain("users:read.email");
  });

  it("is undone by user unmap like any other mapping", async () => {
    await s.h.app.services.identities.unmap("slack:T1:UNEW", "north");
    await setAutomap(false);
    expect(await run("list north", user("UNEW"))).toContain("are not mapped");
  });
});
