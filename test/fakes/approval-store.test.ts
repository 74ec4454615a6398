/**
 * The fake approval store runs the same behaviour cases as the Prisma store
 * (test/store/contracts/approval-behaviour.ts), plus the races the Prisma store proves with separate
 * processes (approval-races.ts), here as concurrent calls on one event loop.
 */
import { describe, expect, it } from "vitest";
import { approvalStoreBehaviour } from "../store/contracts/approval-behaviour.js";
import { minutes, newRequest, T0 } from "../store/contracts/approval-request.js";
import { FakeApprovalStore } from "./approval-store.js";

describe("fake approval store, under the approval-store behaviour", () => {
  approvalStoreBehaviour(() => {
    const approvals = new FakeApprovalStore(() => T0);
    return { approvals, storeWith: (options) => approvals.withOptions(options) };
  });
});

describe("fake approval store, concurrent calls", () => {
  const store = () => new FakeApprovalStore(() => T0);

  it("completes a 2-approver request exactly once when votes arrive together", async () => {
    const approvals = store();
    const { id } = await approvals.create(newRequest({ approversRequired: 2 }));
    await approvals.addApproval(id, "slack:T1:A", minutes(2));
    const votes = await Promise.all(
      ["B", "C", "D"].map((a) => approvals.addApproval(id, `slack:T1:${a}`, minutes(4))),
    );
    expect(votes.filter((v) => v.kind === "recorded" && v.completed)).toHaveLength(1);
    expect(votes.filter((v) => v.kind === "not_pending")).toHaveLength(2);
    expect(await approvals.get(id)).toMatchObject({ status: "approved", decidedAt: minutes(4) });
  });

  it("moves a request once when ten transitions race", async () => {
    const approvals = store();
    const { id } = await approvals.create(newRequest());
    const moves = await Promise.all(
      Array.from({ length: 10 }, () =>
        approvals.transition(id.toLowerCase(), ["pending"], "denied", { at: minutes(1) }),
      ),
    );
    expect(moves.filter(Boolean)).toHaveLength(1);
  });
});
