/**
 * What every ApprovalStore does, said through the port alone: the Prisma store (on SQLite and
 * PostgreSQL, approval-store.ts) and the in-memory fake (test/fakes) run these same cases, so the
 * fake the use-case tests lean on cannot drift from the real store's rules.
 */
import { beforeEach, expect, it } from "vitest";
import { isAppError } from "../../../src/core/kernel/errors.js";
import type { ApprovalStore } from "../../../src/core/ports/approval-store.js";
import { minutes, newRequest, T0 } from "./approval-request.js";

export interface ApprovalStoreSubject {
  /** The store under test, empty at the start of each test. */
  readonly approvals: ApprovalStore;
  /** A store on the same data with its own clock and id generator. */
  storeWith(options: { at?: () => Date; newId?: () => string }): ApprovalStore;
}

export function approvalStoreBehaviour(subject: () => ApprovalStoreSubject): void {
  let s: ApprovalStoreSubject;
  beforeEach(() => {
    s = subject();
  });

  it("counts one person once: two identities of one approver voting at once give one vote", async () => {
    const { id } = await s.approvals.create(newRequest({ approversRequired: 2 }));
    const person = ["shell:max", "slack:T1:UMAX"];
    const votes = await Promise.all(
      person.map((approver) => s.approvals.addApproval(id, approver, minutes(1), { sameAs: person })),
    );
    expect(votes.map((v) => v.kind).sort()).toEqual(["recorded", "same_person"]);
    expect((await s.approvals.get(id))?.approvals).toHaveLength(1);
  });

  it("refuses the requester's other identity and a vote cast at or after expiry", async () => {
    const request = await s.approvals.create(newRequest());
    const self = await s.approvals.addApproval(request.id, "shell:other", minutes(1), {
      sameAs: [request.requester],
    });
    expect(self.kind).toBe("same_person");
    const late = await s.approvals.addApproval(request.id, "shell:late", request.expiresAt);
    expect(late.kind).toBe("expired");
    expect((await s.approvals.get(request.id))?.approvals).toHaveLength(0);
  });

  it("creates a pending request and reads it back intact", async () => {
    const input = newRequest();
    const created = await s.storeWith({}).create(input);
    expect(created).toEqual({
      ...input,
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{6}$/),
      status: "pending",
      statusReason: null,
      approvals: [],
      createdAt: T0,
      decidedAt: null,
      decidedBy: null,
      messageRef: null,
    });
    expect(await s.approvals.get(created.id)).toEqual(created);
  });

  it("stores absent optional fields as null", async () => {
    const { reason: _r, approverPermission: _p, approverMustBeUser: _u, ...bare } = newRequest();
    const created = await s.approvals.create(bare);
    expect(created).toMatchObject({
      reason: null,
      approverPermission: null,
      approverMustBeUser: false,
      createdAt: expect.any(Date),
    });
  });

  it("refuses a request that needs no approver", async () => {
    for (const approversRequired of [0, -1, 1.5]) {
      await expect(s.approvals.create(newRequest({ approversRequired }))).rejects.toThrow(RangeError);
    }
  });

  it("finds a request whatever the case and Crockford look-alikes typed", async () => {
    const created = await s.storeWith({ newId: () => "K0Q1MX" }).create(newRequest());
    for (const typed of ["K0Q1MX", "k0q1mx", " kOqLmx ", "K0Q-1MX", "koqimx"]) {
      expect((await s.approvals.get(typed))?.id).toBe(created.id);
    }
    expect(await s.approvals.get("ZZZZZZ")).toBeNull();
  });

  it("draws a new id when one is taken, and gives up after a few", async () => {
    const ids = ["AAAAAA", "AAAAAA", "BBBBBB"];
    const store = s.storeWith({ newId: () => ids.shift() ?? "AAAAAA" });
    expect((await store.create(newRequest())).id).toBe("AAAAAA");
    expect((await store.create(newRequest())).id).toBe("BBBBBB");
    await expect(store.create(newRequest())).rejects.toThrow();
    expect(await s.approvals.listPending()).toHaveLength(2);
  });

  it("lists pending requests oldest first, optionally of one org", async () => {
    let now = minutes(5);
    const store = s.storeWith({ at: () => now });
    const late = await store.create(newRequest());
    now = minutes(1);
    const early = await store.create(newRequest({ orgSlug: "beta" }));
    now = minutes(3);
    const middle = await store.create(newRequest());
    now = minutes(0);
    const denied = await store.create(newRequest());
    await store.transition(denied.id, ["pending"], "denied", { at: minutes(6) });
    const ids = (list: { id: string }[]) => list.map((r) => r.id);
    expect(ids(await s.approvals.listPending())).toEqual([early.id, middle.id, late.id]);
    expect(ids(await s.approvals.listPending("acme"))).toEqual([middle.id, late.id]);
    expect(await s.approvals.listPending("nobody")).toEqual([]);
  });

  it("completes a 1-approver request on its first vote", async () => {
    const { id } = await s.approvals.create(newRequest());
    const vote = await s.approvals.addApproval(id.toLowerCase(), "slack:T1:A", minutes(2));
    expect(vote).toMatchObject({ kind: "recorded", completed: true });
    expect(vote.request).toMatchObject({
      status: "approved",
      decidedAt: minutes(2),
      decidedBy: "slack:T1:A",
      approvals: [{ approver: "slack:T1:A", at: minutes(2) }],
    });
    expect(await s.approvals.get(id)).toEqual(vote.request);
    const late = await s.approvals.addApproval(id, "slack:T1:B", minutes(3));
    expect(late).toMatchObject({ kind: "not_pending", request: { status: "approved" } });
    expect(late.request.approvals).toHaveLength(1);
  });

  it("needs two distinct approvers for a 2-approver request", async () => {
    const { id } = await s.approvals.create(newRequest({ approversRequired: 2 }));
    const first = await s.approvals.addApproval(id, "slack:T1:A", minutes(2));
    expect(first).toMatchObject({ kind: "recorded", completed: false, request: { status: "pending" } });
    const again = await s.approvals.addApproval(id, "slack:T1:A", minutes(3));
    expect(again).toMatchObject({ kind: "duplicate", request: { status: "pending" } });
    expect(again.request.approvals).toEqual([{ approver: "slack:T1:A", at: minutes(2) }]);
    const second = await s.approvals.addApproval(id, "slack:T1:B", minutes(4));
    expect(second).toMatchObject({ kind: "recorded", completed: true });
    expect(second.request).toMatchObject({
      status: "approved",
      decidedBy: "slack:T1:B",
      decidedAt: minutes(4),
    });
    expect(second.request.approvals.map((v) => v.approver)).toEqual(["slack:T1:A", "slack:T1:B"]);
  });

  it("returns votes ordered by time, not by arrival", async () => {
    const { id } = await s.approvals.create(newRequest({ approversRequired: 3 }));
    await s.approvals.addApproval(id, "slack:T1:LATE", minutes(9));
    await s.approvals.addApproval(id, "slack:T1:EARLY", minutes(1));
    const request = await s.approvals.get(id);
    expect(request?.approvals).toEqual([
      { approver: "slack:T1:EARLY", at: minutes(1) },
      { approver: "slack:T1:LATE", at: minutes(9) },
    ]);
  });

  it("records no vote on a request that is no longer pending", async () => {
    const { id } = await s.approvals.create(newRequest({ approversRequired: 2 }));
    await s.approvals.transition(id, ["pending"], "denied", {
      at: minutes(1),
      decidedBy: "slack:T1:REQ",
    });
    const vote = await s.approvals.addApproval(id, "slack:T1:A", minutes(2));
    expect(vote).toMatchObject({ kind: "not_pending", request: { status: "denied", approvals: [] } });
    expect((await s.approvals.get(id))?.approvals).toEqual([]);
  });

  it("refuses a vote on an unknown request", async () => {
    const error = await s.approvals.addApproval("NOSUCH", "slack:T1:A", T0).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("usage");
  });

  it("moves a request only from the given statuses", async () => {
    const { id } = await s.approvals.create(newRequest());
    const denied = await s.approvals.transition(id.toLowerCase(), ["pending"], "denied", {
      at: minutes(2),
      decidedBy: "slack:T1:B",
      statusReason: "not today",
    });
    expect(denied).toMatchObject({
      id,
      status: "denied",
      decidedAt: minutes(2),
      decidedBy: "slack:T1:B",
      statusReason: "not today",
    });
    expect(await s.approvals.transition(id, ["pending"], "expired", { at: minutes(3) })).toBeNull();
    expect(await s.approvals.transition(id, [], "expired", { at: minutes(3) })).toBeNull();
    expect(await s.approvals.transition("ZZZZZZ", ["pending"], "expired", { at: minutes(3) })).toBeNull();
    expect(await s.approvals.get(id)).toEqual(denied);
    // Unset fields keep their values; null clears them.
    const failed = await s.approvals.transition(id, ["approved", "denied"], "failed", {
      at: minutes(4),
    });
    expect(failed).toMatchObject({ status: "failed", decidedAt: minutes(4), decidedBy: "slack:T1:B" });
    const voided = await s.approvals.transition(id, ["failed"], "voided", {
      at: minutes(5),
      decidedBy: null,
      statusReason: null,
    });
    expect(voided).toMatchObject({ status: "voided", decidedBy: null, statusReason: null });
  });

  it("remembers where the request was posted", async () => {
    const { id } = await s.approvals.create(newRequest());
    await s.approvals.setMessageRef(id.toLowerCase(), "C1:1700000000.000100");
    expect((await s.approvals.get(id))?.messageRef).toBe("C1:1700000000.000100");
    await s.approvals.setMessageRef("ZZZZZZ", "nowhere"); // no-op, no error
  });
}
