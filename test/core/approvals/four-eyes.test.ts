/**
 * The approval rules of decide(), on in-memory fakes: nobody approves their own request (under any
 * of their chat identities), one person votes once, the approver needs the policy's permission in
 * the target's division, `approverMustBeUser` refuses role mappings, and an expired request cannot
 * be decided. Every request needs two votes, so one vote never reaches the Genesys change itself.
 */
import { describe, expect, it } from "vitest";
import { decide as decideOrRefuse } from "../../../src/core/approvals/decide.js";
import { errorToReply } from "../../../src/core/dispatch/error-reply.js";
import { isAppError } from "../../../src/core/kernel/errors.js";
import type { Reply } from "../../../src/core/kernel/reply.js";
import { noProgress } from "../../../src/core/kernel/requested.js";
import type { NewApprovalRequest } from "../../../src/core/ports/approval-store.js";
import { campaign, FakeOrgClient } from "../../fakes/genesys.js";
import { fakeWorld, T0 } from "../../fakes/world.js";

const SALES = { id: "sales", name: "sales" };
const FULL = [
  "outbound:campaign:view",
  "outbound:campaign:start",
  "outbound:campaign:stop",
  "outbound:campaign:edit",
];

function acme() {
  return new FakeOrgClient("acme", {
    campaigns: [campaign("c1", "Spring", "sales", "off", 3)],
    roles: [
      { id: "r-full", name: "Outbound Supervisor", permissions: FULL },
      { id: "r-ops", name: "Outbound Operator", permissions: FULL.filter((p) => !p.endsWith(":edit")) },
    ],
    grants: {
      "u-riley": [{ role: { id: "r-full", name: "Outbound Supervisor" }, division: SALES }],
      "u-ann": [{ role: { id: "r-full", name: "Outbound Supervisor" }, division: SALES }],
      "u-bob": [{ role: { id: "r-ops", name: "Outbound Operator" }, division: SALES }],
      // Ann's other Genesys users (another login in acme, a user in beta): each may approve.
      "u-ann2": [{ role: { id: "r-full", name: "Outbound Supervisor" }, division: SALES }],
      "u-ann3": [{ role: { id: "r-full", name: "Outbound Supervisor" }, division: SALES }],
    },
  });
}

async function world(request: Partial<NewApprovalRequest> = {}) {
  const w = fakeWorld([acme()]);
  const user = (chatIdentity: string, userId: string, orgSlug = "acme", email?: string) =>
    w.identities.map({
      chatIdentity,
      orgSlug,
      genesys: { kind: "user", userId, email },
      createdBy: "shell:admin",
    });
  await user("shell:riley", "u-riley");
  await user("shell:ann", "u-ann");
  await user("shell:bob", "u-bob");
  const created = await w.approvals.create({
    orgSlug: "acme",
    action: "resume",
    targets: [{ campaignId: "c1", campaignName: "Spring", version: 3, status: "off", division: SALES }],
    requester: "shell:riley",
    requesterName: "Riley",
    platform: "shell",
    channel: "C1",
    approversRequired: 2,
    expiresAt: new Date(T0.getTime() + 15 * 60_000),
    ...request,
  });
  return { ...w, user, id: created.id };
}

/** decide, with a refusal (thrown, audited as denied) turned into the reply the dispatcher makes of it. */
const decide = (...args: Parameters<typeof decideOrRefuse>): Promise<Reply> =>
  decideOrRefuse(...args).catch((e: unknown) => {
    if (isAppError(e) && e.outcome === "denied") return errorToReply(e, "");
    throw e;
  });

const text = (r: Reply) => r.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");

describe("four-eyes", () => {
  it("records another person's vote (the control case for the refusals below)", async () => {
    const w = await world();
    const answer = await decide(
      w.services,
      w.requested("shell:ann"),
      { id: w.id, verdict: "approve" },
      noProgress,
    );
    expect(answer.ok).toBe(true);
    expect((await w.approvals.get(w.id))?.approvals.map((v) => v.approver)).toEqual(["shell:ann"]);
  });

  it("refuses the requester's own approval and records no vote", async () => {
    const w = await world();
    const answer = await decide(
      w.services,
      w.requested("shell:riley"),
      { id: w.id, verdict: "approve" },
      noProgress,
    );
    expect(answer.ok).toBe(false);
    expect(text(answer)).toContain("cannot approve your own request");
    expect((await w.approvals.get(w.id))?.approvals).toEqual([]);
    expect(w.audit.rows.at(-1)).toMatchObject({ outcome: "denied", detail: { rule: "no self-approval" } });
  });

  it("treats the requester under another chat identity mapped to the same Genesys user as the requester", async () => {
    const w = await world();
    await w.user("slack:T1:URILEY", "u-riley");
    const answer = await decide(
      w.services,
      w.requested("slack:T1:URILEY", "slack"),
      { id: w.id, verdict: "approve" },
      noProgress,
    );
    expect(answer.ok).toBe(false);
    expect(text(answer)).toContain("that is you under another chat identity");
    expect(w.audit.rows.at(-1)).toMatchObject({ detail: { samePersonAs: "shell:riley" } });
    expect((await w.approvals.get(w.id))?.approvals).toEqual([]);
  });

  it("counts two identities of one person once, whether joined by a verified email or an admin link", async () => {
    const w = await world({ approversRequired: 3 });
    // Different Genesys users in acme: only the beta mappings' shared email (any case) joins the first two.
    await w.user("shell:ann", "b-ann", "beta", "ann@acme.test");
    await w.user("slack:T1:UANN", "u-ann2");
    await w.user("slack:T1:UANN", "b-ann2", "beta", " ANN@acme.test");
    // Only the admin's link joins the third.
    await w.user("teams:X:ann", "u-ann3");
    await w.identities.link("teams:X:ann", "shell:ann", "shell:admin");
    expect(
      (await decide(w.services, w.requested("shell:ann"), { id: w.id, verdict: "approve" }, noProgress)).ok,
    ).toBe(true);
    for (const other of ["slack:T1:UANN", "teams:X:ann"]) {
      const answer = await decide(
        w.services,
        w.requested(other),
        { id: w.id, verdict: "approve" },
        noProgress,
      );
      expect(answer.ok).toBe(false);
      expect(text(answer)).toContain("You already count for this request as shell:ann");
    }
    expect((await w.approvals.get(w.id))?.approvals).toHaveLength(1);
  });

  it("lets a different person with the same kind of setup vote (control for the test above)", async () => {
    const w = await world({ approversRequired: 3 });
    await w.user("slack:T1:UANN", "u-ann2");
    expect(
      (await decide(w.services, w.requested("shell:ann"), { id: w.id, verdict: "approve" }, noProgress)).ok,
    ).toBe(true);
    expect(
      (
        await decide(
          w.services,
          w.requested("slack:T1:UANN", "slack"),
          { id: w.id, verdict: "approve" },
          noProgress,
        )
      ).ok,
    ).toBe(true);
    expect((await w.approvals.get(w.id))?.approvals).toHaveLength(2);
  });

  it("lets the requester withdraw (not deny) their own request without approver rights", async () => {
    const w = await world();
    await w.user("slack:T1:URILEY", "u-riley");
    const answer = await decide(
      w.services,
      w.requested("slack:T1:URILEY", "slack"),
      { id: w.id, verdict: "deny", reason: "not needed" },
      noProgress,
    );
    expect(answer.ok).toBe(true);
    expect(await w.approvals.get(w.id)).toMatchObject({ status: "withdrawn", decidedBy: "slack:T1:URILEY" });
    expect(w.audit.rows.at(-1)).toMatchObject({ action: "withdraw", outcome: "success" });
  });
});

describe("approver rights", () => {
  it("needs the policy's approverPermission in the target's division", async () => {
    const w = await world({ approverPermission: "outbound:campaign:edit" });
    const refused = await decide(
      w.services,
      w.requested("shell:bob"),
      { id: w.id, verdict: "approve" },
      noProgress,
    );
    expect(refused.ok).toBe(false);
    expect(text(refused)).toContain("The request stays pending.");
    expect((await w.approvals.get(w.id))?.approvals).toEqual([]);
    expect(
      (await decide(w.services, w.requested("shell:ann"), { id: w.id, verdict: "approve" }, noProgress)).ok,
    ).toBe(true);
  });

  it("without an approverPermission, the action's own permission is enough", async () => {
    const w = await world({ approverPermission: null });
    expect(
      (await decide(w.services, w.requested("shell:bob"), { id: w.id, verdict: "approve" }, noProgress)).ok,
    ).toBe(true);
  });

  it("approverMustBeUser refuses a role-mapped approver who holds every permission", async () => {
    const w = await world({ approverMustBeUser: true });
    await w.identities.map({
      chatIdentity: "shell:desk",
      orgSlug: "acme",
      genesys: { kind: "role", roleName: "Outbound Supervisor" },
      createdBy: "shell:admin",
    });
    const refused = await decide(
      w.services,
      w.requested("shell:desk"),
      { id: w.id, verdict: "approve" },
      noProgress,
    );
    expect(refused.ok).toBe(false);
    expect(text(refused)).toContain('mapped to the Genesys role "Outbound Supervisor", not to a user');
    expect(w.audit.rows.at(-1)).toMatchObject({ detail: { rule: "approver must be a Genesys user" } });
    expect(
      (await decide(w.services, w.requested("shell:ann"), { id: w.id, verdict: "approve" }, noProgress)).ok,
    ).toBe(true);
  });

  it("without approverMustBeUser, the same role-mapped approver may vote", async () => {
    const w = await world({ approverMustBeUser: false });
    await w.identities.map({
      chatIdentity: "shell:desk",
      orgSlug: "acme",
      genesys: { kind: "role", roleName: "Outbound Supervisor" },
      createdBy: "shell:admin",
    });
    expect(
      (await decide(w.services, w.requested("shell:desk"), { id: w.id, verdict: "approve" }, noProgress)).ok,
    ).toBe(true);
  });
});

describe("expiry", () => {
  it("expires a request decided at its expiry time, and records no vote", async () => {
    const w = await world();
    w.clock.advance(15 * 60_000);
    const answer = await decide(
      w.services,
      w.requested("shell:ann"),
      { id: w.id, verdict: "approve" },
      noProgress,
    );
    expect(answer.ok).toBe(false);
    // decide's own check, before any grant look-up (the store's vote rule would also refuse it).
    expect(text(answer)).toContain("expired 09:15 UTC without a decision");
    expect(await w.approvals.get(w.id)).toMatchObject({ status: "expired", approvals: [] });
  });

  it("still takes a vote one minute before expiry", async () => {
    const w = await world();
    w.clock.advance(14 * 60_000);
    expect(
      (await decide(w.services, w.requested("shell:ann"), { id: w.id, verdict: "approve" }, noProgress)).ok,
    ).toBe(true);
  });
});
