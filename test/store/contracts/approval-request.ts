/** A sample approval request and times for the approval-store contracts. */
import type { NewApprovalRequest } from "../../../src/core/ports/approval-store.js";

export const T0 = new Date("2026-03-01T09:00:00.000Z");
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

export function newRequest(overrides: Partial<NewApprovalRequest> = {}): NewApprovalRequest {
  return {
    orgSlug: "acme",
    action: "resume",
    targets: [
      {
        // Keys deliberately out of order: the stored text is canonical, the value the same.
        status: "off",
        version: 7,
        campaignName: 'Frühling "Spring" ☀',
        campaignId: "camp-1",
        division: { name: "Sales", id: "div-1" },
      },
      {
        campaignId: "camp-2",
        campaignName: "Autumn",
        version: 1,
        status: "off",
        division: { id: "d2", name: "Ops" },
      },
    ],
    requester: "slack:T1:REQ",
    requesterName: "Riley",
    reason: "maintenance over",
    platform: "slack",
    channel: "C1",
    approversRequired: 1,
    approverPermission: "outbound:campaign:edit",
    approverMustBeUser: true,
    expiresAt: minutes(15),
    ...overrides,
  };
}
