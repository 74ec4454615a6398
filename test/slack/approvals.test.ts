/**
 * Approvals in Slack, two people, real Bolt over signed HTTP: the request is a channel message with
 * buttons, a click decides it exactly once as the clicking user, the message is updated in place,
 * and refusals reach only the person who clicked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Recorded } from "../support/recording-server.js";
import { blocksOf, buttonsOf, textOf } from "../support/slack-fake.js";
import { ann, ben, messageTs, type SlackHarness, startSlackHarness, vic } from "../support/slack-harness.js";

let s: SlackHarness;
beforeAll(async () => {
  s = await startSlackHarness();
});
afterAll(async () => {
  await s?.close();
});

/** ann asks to resume a campaign; returns the posted request message and its id. */
async function requestResume(campaign: string): Promise<{ message: Recorded; id: string }> {
  const sent = await s.command(`resume north ${campaign} --reason "list fixed"`, ann);
  expect(sent.status).toBe(200);
  const message = await s.fake.waitForApi("chat.postMessage", (c) =>
    textOf(c).includes(`asks to resume ${campaign}`),
  );
  await s.settled();
  const approve = buttonsOf(message).find((b) => b.action_id === "approve");
  if (!approve) throw new Error("no Approve button");
  const { requestId } = JSON.parse(approve.value) as { requestId: string };
  return { message, id: requestId };
}

const updatesOf = (message: Recorded) =>
  s.fake
    .api("chat.update")
    .filter((c) => c.body.channel === message.body.channel && c.body.ts === messageTs(message));

describe("an approval round trip between two Slack users", () => {
  it("posts the request in the channel with Approve and Deny carrying the request id", async () => {
    const { message, id } = await requestResume("Alpha");
    expect(id).toMatch(/^[0-9A-Z]{6}$/);
    expect(message.body.channel).toBe("C1");
    expect(buttonsOf(message)).toEqual([
      expect.objectContaining({
        action_id: "approve",
        value: JSON.stringify({ requestId: id }),
        style: "primary",
      }),
      expect.objectContaining({
        action_id: "deny",
        value: JSON.stringify({ requestId: id }),
        style: "danger",
      }),
    ]);
    expect(textOf(message)).toContain("<@UANN> asks to resume Alpha in north.");
    expect((await s.h.app.services.approvals.get(id))?.messageRef).toBe(`C1:${messageTs(message)}`);
  });

  it("runs the change when someone else clicks Approve and updates the message in place, buttons gone", async () => {
    const { message, id } = await requestResume("Beta");
    const click = await s.click("approve", message, ben);
    expect(click.status).toBe(200);
    expect(click.text).toBe("");
    const update = await s.fake.waitForApi("chat.update", (c) => c.body.ts === messageTs(message));
    await s.settled();
    expect(buttonsOf(update)).toEqual([]);
    const shown = textOf(update);
    expect(shown).toContain(`Approved and done: resume in north (request ${id})`);
    expect(shown).toContain(`<@UBEN> approved ${id} (requested by <@UANN>)`);
    expect(shown).toContain("Resumed Beta in north: off → on.");
    expect(s.h.sim.campaign("north", "Beta").status).toBe("on");
    expect((await s.h.app.services.approvals.get(id))?.status).toBe("executed");
    expect(s.fake.responses(click.responseUrl)).toEqual([]);
  });

  it("still decides a button posted before the structured value, which carried the bare request id", async () => {
    // Golf starts on: paused first (no approval needed) so its resume is a request like the others'.
    await s.command("pause north Golf", ann);
    await s.settled();
    expect(s.h.sim.campaign("north", "Golf").status).toBe("off");
    const { message, id } = await requestResume("Golf");
    const blocks = (message.body.blocks as { type: string; elements?: { value?: string }[] }[]).map((b) =>
      b.type === "actions" ? { ...b, elements: (b.elements ?? []).map((e) => ({ ...e, value: id })) } : b,
    );
    const old: Recorded = { ...message, body: { ...message.body, blocks } };
    expect(buttonsOf(old).map((b) => b.value)).toEqual([id, id]);
    await s.click("approve", old, ben);
    await s.fake.waitForApi("chat.update", (c) => c.body.ts === messageTs(message));
    await s.settled();
    expect((await s.h.app.services.approvals.get(id))?.status).toBe("executed");
    expect(s.h.sim.campaign("north", "Golf").status).toBe("on");
  });

  it("decides a double click once: one execution, the second click told privately", async () => {
    const { message, id } = await requestResume("Charlie");
    const [one, two] = await Promise.all([
      s.click("approve", message, ben),
      s.click("approve", message, ben),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    await s.fake.waitForApi("chat.update", (c) => c.body.ts === messageTs(message));
    await s.settled();
    const executed = (await s.h.app.services.audit.list({ orgSlug: "north", limit: 50 })).filter(
      (r) => r.action === "resume" && r.outcome === "success" && r.targetName === "Charlie",
    );
    expect(executed).toHaveLength(1);
    expect(updatesOf(message)).toHaveLength(1);
    const told = [...s.fake.responses(one.responseUrl), ...s.fake.responses(two.responseUrl)];
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect((await s.h.app.services.approvals.get(id))?.status).toBe("executed");
  });

  it("refuses self-approval to the clicker alone and leaves the request and message as they were", async () => {
    const { message, id } = await requestResume("Delta");
    const click = await s.click("approve", message, ann);
    const refusal = await s.fake.waitForResponse(click.responseUrl);
    await s.settled();
    expect(refusal.body).toMatchObject({ response_type: "ephemeral" });
    expect(textOf(refusal)).toContain("You cannot approve your own request");
    expect(updatesOf(message)).toEqual([]);
    expect((await s.h.app.services.approvals.get(id))?.status).toBe("pending");
  });

  it("refuses an approver without the permission, privately, keeping the request pending", async () => {
    const { message, id } = await requestResume("Echo");
    const click = await s.click("approve", message, vic);
    const refusal = await s.fake.waitForResponse(click.responseUrl);
    await s.settled();
    expect(textOf(refusal)).toContain("The request stays pending.");
    expect(updatesOf(message)).toEqual([]);
    expect((await s.h.app.services.approvals.get(id))?.status).toBe("pending");
    expect(s.h.sim.campaign("north", "Echo").status).toBe("off");
  });

  it("asks for a reason in a modal on Deny, then shows the denial in place", async () => {
    const { message, id } = await requestResume("Foxtrot");
    const click = await s.click("deny", message, ben);
    expect(click.status).toBe(200);
    const opened = await s.fake.waitForApi("views.open", (c) => c.body.trigger_id === click.triggerId);
    const view = opened.body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("deny_reason");
    expect(JSON.parse(view.private_metadata)).toEqual({ id, channel: "C1", ts: messageTs(message) });
    const submitted = await s.submitView(
      {
        id: "V-deny",
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { reason: { value: { type: "plain_text_input", value: 'list still "stale"' } } },
      },
      ben,
    );
    expect(submitted.status).toBe(200);
    const update = await s.fake.waitForApi("chat.update", (c) => c.body.ts === messageTs(message));
    await s.settled();
    expect(buttonsOf(update)).toEqual([]);
    expect(textOf(update)).toContain(`Denied: resume in north (request ${id})`);
    expect(textOf(update)).toContain(`<@UBEN> denied request ${id}`);
    const request = await s.h.app.services.approvals.get(id);
    expect(request).toMatchObject({
      status: "denied",
      statusReason: 'list still "stale"',
      decidedBy: "slack:T1:UBEN",
    });
    expect(s.h.sim.campaign("north", "Foxtrot").status).toBe("off");
  });

  it("answers Deny on a request already decided privately, without a modal", async () => {
    const { message, id } = await requestResume("Juliet");
    await s.click("approve", message, ben);
    await s.fake.waitForApi("chat.update", (c) => c.body.ts === messageTs(message));
    await s.settled();
    const opened = s.fake.api("views.open").length;
    const late = await s.click("deny", message, vic);
    const answer = await s.fake.waitForResponse(late.responseUrl);
    await s.settled();
    expect(textOf(answer)).toContain(`Request ${id} is executed by <@UBEN>`);
    expect(s.fake.api("views.open")).toHaveLength(opened);
  });
});

describe("typed decisions", () => {
  it("update the request's message in place too", async () => {
    const { message, id } = await requestResume("Kilo");
    const typed = await s.command(`approve ${id}`, ben);
    const update = await s.fake.waitForApi("chat.update", (c) => c.body.ts === messageTs(message));
    await s.settled();
    expect(buttonsOf(update)).toEqual([]);
    expect(textOf(update)).toContain("Resumed Kilo in north: off → on.");
    // The typist is told too, privately: they may have typed it in another channel.
    expect(textOf(await s.fake.waitForResponse(typed.responseUrl))).toContain(`<@UBEN> approved ${id}`);
    expect(blocksOf(update).length).toBeGreaterThan(0);
  });
});
