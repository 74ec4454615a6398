/** The fake approval store keeps the vote rules of test/store/contracts/approval-store.ts. */
import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/errors.js";
import { minutes, newRequest, T0 } from "../store/contracts/approval-request.js";
import { FakeApprovalStore } from "./approval-store.js";

describe("fake approval store", () => {
  const store = () => new FakeApprovalStore(() => T0);

  it("counts one person once: two identities of one approver voting at once give one vote", async () => {
    const approvals = store();
    const { id } = await approvals.create(newRequest({ approversRequired: 2 }));
    const person = ["shell:max", "slack:T1:UMAX"];
    const votes = await Promise.all(
      person.map((approver) => approvals.addApproval(id, approver, minutes(1), { sameAs: person })),
    );
    expect(votes.map((v) => v.kind).sort()).toEqual(["recorded", "same_person"]);
    expect((await approvals.get(id))?.approvals).toHaveLength(1);
  });

  it("refuses the requester's other identity and a vote cast at or after expiry", async () => {
    const approvals = store();
    const request = await approvals.create(newRequest());
    const self = await approvals.addApproval(request.id, "shell:other", minutes(1), {
      sameAs: [request.requester],
    });
    expect(self.kind).toBe("same_person");
    expect((await approvals.addApproval(request.id, "shell:late", request.expiresAt)).kind).toBe("expired");
    expect((await approvals.get(request.id))?.approvals).toHaveLength(0);
  });

  it("needs two distinct approvers for a 2-approver request, and completes it exactly once", async () => {
    const approvals = store();
    const { id } = await approvals.create(newRequest({ approversRequired: 2 }));
    expect(await approvals.addApproval(id, "slack:T1:A", minutes(2))).toMatchObject({
      kind: "recorded",
      completed: false,
    });
    expect((await approvals.addApproval(id, "slack:T1:A", minutes(3))).kind).toBe("duplicate");
    const votes = await Promise.all(
      ["B", "C", "D"].map((a) => approvals.addApproval(id, `slack:T1:${a}`, minutes(4))),
    );
    expect(votes.filter((v) => v.kind === "recorded" && v.completed)).toHaveLength(1);
    expect(votes.filter((v) => v.kind === "not_pending")).toHaveLength(2);
    expect(await approvals.get(id)).toMatchObject({ status: "approved", decidedAt: minutes(4) });
  });

  it("moves a request only from the given statuses, and exactly one racer wins", async () => {
    const approvals = store();
    const { id } = await approvals.create(newRequest());
    const moves = await Promise.all(
      Array.from({ length: 10 }, () =>
        approvals.transition(id.toLowerCase(), ["pending"], "denied", { at: minutes(1) }),
      ),
    );
    expect(moves.filter(Boolean)).toHaveLength(1);
    expect(await approvals.transition(id, ["pending"], "expired", { at: minutes(2) })).toBeNull();
    expect((await approvals.addApproval(id, "slack:T1:A", minutes(2))).kind).toBe("not_pending");
  });

  it("refuses a vote on an unknown request and a request that needs no approver", async () => {
    const approvals = store();
    const error = await approvals.addApproval("NOSUCH", "slack:T1:A", T0).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("usage");
    await expect(approvals.create(newRequest({ approversRequired: 0 }))).rejects.toThrow(RangeError);
  });
});
