/**
 * Approvals in Teams, two people, real CloudAdapter over HTTP: the request is a card with Approve /
 * Deny as Action.Execute; a click arrives as an `adaptiveCard/action` invoke whose answer is the
 * refreshed card; a decision updates the card message for everyone, runs exactly once, and a card
 * only ever decides the request it was posted for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ann, ben, identityOf, vic } from "../support/teams-activities.js";
import { type ConnectorCall, cardOf, executeActions, textOf } from "../support/teams-connector.js";
import { startTeamsHarness, type TeamsHarness } from "../support/teams-harness.js";

let t: TeamsHarness;
beforeAll(async () => {
  t = await startTeamsHarness();
});
afterAll(async () => {
  await t?.close();
});

/** Ann asks to resume a campaign; returns the posted card message, its Teams id and the request id. */
async function requestResume(
  campaign: string,
): Promise<{ message: ConnectorCall; messageId: string; id: string }> {
  const sent = await t.channel(`campaign resume north ${campaign} --reason "list fixed"`, ann);
  expect(sent.status).toBe(200);
  await t.settled();
  const message = t.connector.replyTo(sent.activityId);
  const approve = executeActions(cardOf(message)).find((a) => a.verb === "approve");
  if (typeof approve?.data.requestId !== "string") throw new Error("no Approve button with a request id");
  return { message, messageId: t.connector.idOf(message), id: approve.data.requestId };
}

const resumed = async (campaign: string) =>
  (await t.h.app.services.audit.list({ orgSlug: "north", limit: 100 })).filter(
    (r) => r.action === "resume" && r.outcome === "success" && r.targetName === campaign,
  );

describe("an approval round trip between two Teams users", () => {
  it("posts the request as a card: Approve / Deny as Action.Execute with the request id, a reason box, a refresh", async () => {
    const { message, messageId, id } = await requestResume("Alpha");
    expect(id).toMatch(/^[0-9A-Z]{6}$/);
    const card = cardOf(message);
    expect(executeActions(card)).toEqual([
      { verb: "approve", title: "Approve", data: { requestId: id } },
      { verb: "deny", title: "Deny", data: { requestId: id } },
    ]);
    // Refreshed automatically for the Teams users seen (by their Teams user id), per Universal Actions.
    expect(card.refresh).toEqual({
      action: { type: "Action.Execute", verb: "refresh", data: { requestId: id } },
      userIds: expect.arrayContaining([ann.id]),
    });
    expect(textOf(card)).toContain('"type":"Input.Text","id":"reason"');
    expect(textOf(card)).toContain("Ann asks to resume Alpha in north.");
    const stored = (await t.h.app.services.approvals.get(id))?.messageRef ?? "";
    expect(JSON.parse(stored)).toEqual({
      teams: expect.objectContaining({ activityId: messageId, serviceUrl: t.connector.url }),
    });
  });

  it("runs the change when someone else clicks Approve: the refreshed card shows who and what, buttons gone, for everyone", async () => {
    const { messageId, id } = await requestResume("Beta");
    const click = await t.click("approve", { requestId: id }, ben, { messageId });
    expect(click.status).toBe(200);
    expect(click.json).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const shown = textOf(click.card);
    expect(shown).toContain(`Approved and done: resume in north (request ${id})`);
    expect(shown).toContain(`Ben approved ${id} (requested by Ann)`);
    expect(shown).toContain("Resumed Beta in north: off → on.");
    expect(executeActions(click.card)).toEqual([]);
    expect(click.card.refresh).toBeUndefined();
    // Everyone else sees the same card: the message itself was updated.
    expect(t.connector.updates(messageId)).toHaveLength(1);
    expect(cardOf(t.connector.lastUpdate(messageId))).toEqual(click.card);
    expect(t.h.sim.campaign("north", "Beta").status).toBe("on");
    expect(await t.h.app.services.approvals.get(id)).toMatchObject({
      status: "executed",
      decidedBy: identityOf(ben),
    });
  });

  it("decides a double click once: one execution, both clicks answered", async () => {
    const { messageId, id } = await requestResume("Charlie");
    const [one, two] = await Promise.all([
      t.click("approve", { requestId: id }, ben, { messageId }),
      t.click("approve", { requestId: id }, ben, { messageId }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    await t.settled();
    expect(await resumed("Charlie")).toHaveLength(1);
    expect((await t.h.app.services.approvals.get(id))?.status).toBe("executed");
    const answers = [textOf(one.card), textOf(two.card)];
    expect(answers.filter((a) => a.includes("Resumed Charlie in north"))).toHaveLength(1);
    expect(t.h.sim.campaign("north", "Charlie").status).toBe("on");
  });

  it("runs a retried invoke (same activity id) once, answering the retry with the card as it stands", async () => {
    const { messageId, id } = await requestResume("Delta");
    const first = await t.click("approve", { requestId: id }, ben, { messageId, id: "f:retried-click" });
    const retry = await t.click("approve", { requestId: id }, ben, { messageId, id: "f:retried-click" });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await t.settled();
    expect(await resumed("Delta")).toHaveLength(1);
    expect(textOf(retry.card)).toContain(`Approved and done: resume in north (request ${id})`);
    expect(executeActions(retry.card)).toEqual([]);
  });

  it("refuses a stale card: a decided request is not decided again, and a card for A never decides B", async () => {
    const a = await requestResume("Echo");
    await t.click("approve", { requestId: a.id }, ben, { messageId: a.messageId });
    await t.settled();
    const b = await requestResume("Foxtrot");
    const updatesOfB = t.connector.updates(b.messageId).length;
    // An old copy of A's card, clicked again (by someone else, even with Deny): A is decided, B untouched.
    const stale = await t.click("deny", { requestId: a.id, reason: "too late" }, vic, {
      messageId: a.messageId,
    });
    expect(stale.status).toBe(200);
    expect(textOf(stale.card)).toContain(`Request ${a.id} is executed`);
    expect(executeActions(stale.card)).toEqual([]);
    await t.settled();
    expect(await t.h.app.services.approvals.get(a.id)).toMatchObject({
      status: "executed",
      statusReason: null,
    });
    expect((await t.h.app.services.approvals.get(b.id))?.status).toBe("pending");
    expect(t.connector.updates(b.messageId)).toHaveLength(updatesOfB);
    expect(t.h.sim.campaign("north", "Foxtrot").status).toBe("off");
    expect(await resumed("Echo")).toHaveLength(1);
  });

  it("refuses self-approval to the clicker alone: buttons kept, the message as it was, the request pending", async () => {
    const { messageId, id } = await requestResume("Oscar");
    const click = await t.click("approve", { requestId: id }, ann, { messageId });
    expect(click.status).toBe(200);
    expect(textOf(click.card)).toContain("You cannot approve your own request");
    expect(executeActions(click.card).map((a) => a.verb)).toEqual(["approve", "deny"]);
    await t.settled();
    expect(t.connector.updates(messageId)).toEqual([]);
    expect((await t.h.app.services.approvals.get(id))?.status).toBe("pending");
  });

  it("refuses an approver without the permission, keeping the request pending", async () => {
    const { messageId, id } = await requestResume("Juliet");
    const click = await t.click("approve", { requestId: id }, vic, { messageId });
    expect(textOf(click.card)).toContain("The request stays pending.");
    await t.settled();
    expect(t.connector.updates(messageId)).toEqual([]);
    expect(t.h.sim.campaign("north", "Juliet").status).toBe("off");
  });

  it("denies with the reason typed on the card, and shows the denial in place", async () => {
    const { messageId, id } = await requestResume("Kilo");
    const click = await t.click("deny", { requestId: id, reason: 'list still "stale"' }, ben, { messageId });
    expect(textOf(click.card)).toContain(`Denied: resume in north (request ${id})`);
    expect(textOf(click.card)).toContain(`Ben denied request ${id}`);
    expect(executeActions(click.card)).toEqual([]);
    await t.settled();
    expect(t.connector.updates(messageId)).toHaveLength(1);
    expect(await t.h.app.services.approvals.get(id)).toMatchObject({
      status: "denied",
      statusReason: 'list still "stale"',
      decidedBy: identityOf(ben),
    });
    expect(t.h.sim.campaign("north", "Kilo").status).toBe("off");
  });

  it("answers a refresh with the card as it stands, and runs nothing", async () => {
    const { messageId, id } = await requestResume("Lima");
    const pending = await t.click("refresh", { requestId: id }, vic, { messageId });
    expect(executeActions(pending.card).map((a) => a.verb)).toEqual(["approve", "deny"]);
    await t.click("approve", { requestId: id }, ben, { messageId });
    const decided = await t.click("refresh", { requestId: id }, vic, { messageId });
    expect(textOf(decided.card)).toContain(`Approved and done: resume in north (request ${id})`);
    expect(executeActions(decided.card)).toEqual([]);
    expect(await resumed("Lima")).toHaveLength(1);
  });

  it("refuses a card action whose request id is not one (a command smuggled in data) with 400", async () => {
    const { messageId, id } = await requestResume("Mike");
    const forged = await t.click("approve", { requestId: `${id} --all` }, ben, { messageId });
    expect(forged.status).toBe(400);
    expect(forged.json).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
    await t.settled();
    expect((await t.h.app.services.approvals.get(id))?.status).toBe("pending");
  });
});

describe("typed decisions", () => {
  it("update the request's card in place too, and answer the typist", async () => {
    const { messageId, id } = await requestResume("Papa");
    const typed = await t.channel(`campaign deny ${id} not today`, ben);
    await t.settled();
    expect(textOf(cardOf(t.connector.lastUpdate(messageId)))).toContain(
      `Denied: resume in north (request ${id})`,
    );
    expect(textOf(cardOf(t.connector.replyTo(typed.activityId)))).toContain(`Ben denied request ${id}`);
  });

  it("read `/campaign approve <id>` as a decision as well, as Slack does", async () => {
    // Hotel starts on: paused first (no approval needed) so its resume is a request like the others'.
    await t.channel("campaign pause north Hotel", ann);
    await t.settled();
    expect(t.h.sim.campaign("north", "Hotel").status).toBe("off");
    const { messageId, id } = await requestResume("Hotel");
    await t.channel(`/campaign approve ${id}`, ben);
    await t.settled();
    expect(textOf(cardOf(t.connector.lastUpdate(messageId)))).toContain(
      `Approved and done: resume in north (request ${id})`,
    );
  });

  it("left no turn failing", () => {
    expect(t.teams.turnErrors()).toEqual([]);
  });
});
