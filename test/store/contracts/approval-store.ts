/** ApprovalStore on SQLite and PostgreSQL: the port's behaviour, how rows are stored, and races. */
import { expect, it } from "vitest";
import type { Clock } from "../../../src/core/kernel/clock.js";
import { PrismaApprovalStore } from "../../../src/store/index.js";
import { approvalStoreBehaviour } from "./approval-behaviour.js";
import { approvalRacesContract } from "./approval-races.js";
import { newRequest, T0 } from "./approval-request.js";
import type { StoreHarness } from "./harness.js";

export function approvalStoreContract(h: StoreHarness): void {
  approvalStoreBehaviour(() => ({
    approvals: h.store.approvals,
    storeWith: ({ at, newId }) => {
      const clock: Clock = { now: at ?? (() => T0), sleep: async () => {} };
      return new PrismaApprovalStore(h.store.db, h.store.provider, { ...(newId ? { newId } : {}), clock });
    },
  }));

  it("stores a request's targets as JSON text", async () => {
    await h.store.approvals.create(newRequest());
    const [raw] = await h.store.db.$queryRawUnsafe<{ targets: string }[]>(
      "SELECT targets FROM approval_requests",
    );
    expect(raw?.targets).toMatch(/^\[\{"campaignId":"camp-1","campaignName":/);
  });

  approvalRacesContract(h);
}
