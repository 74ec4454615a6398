/**
 * The policy's merged rule is what a filed request demands: approvers, approver permission,
 * approverMustBeUser and expiry travel from the policy layers (org over `*` over defaults) into the
 * stored request and its pending audit row, and decide() then holds approvers to them.
 */
import { describe, expect, it } from "vitest";
import { decide as decideOrRefuse } from "../../../src/core/approvals/decide.js";
import { fileApprovalRequest } from "../../../src/core/approvals/request-approval.js";
import { isAppError } from "../../../src/core/kernel/errors.js";
import { noProgress } from "../../../src/core/kernel/requested.js";
import { type Policy, resolveRule } from "../../../src/core/policy/policy.js";
import { campaign, FakeOrgClient } from "../../fakes/genesys.js";
import { linkedOrg } from "../../fakes/org-store.js";
import { fakeWorld, T0 } from "../../fakes/world.js";

const POLICY: Policy = {
  version: 1,
  orgs: {
    "*": { resume: { approvers: 2, approverPermission: "outbound:campaign:edit", expiresMs: 30 * 60_000 } },
    acme: { resume: { approverMustBeUser: true, expiresMs: 5 * 60_000 } },
  },
};

async function fileResume(orgSlug: string) {
  const org = new FakeOrgClient(orgSlug, {
    campaigns: [campaign("c1", "Spring", "sales", "off", 4)],
    roles: [{ id: "r-full", name: "Supervisor", permissions: ["outbound:campaign:*"] }],
  });
  const w = fakeWorld([org]);
  const rule = resolveRule(POLICY, orgSlug, "resume", { bulk: false });
  const request = await fileApprovalRequest(
    w.services,
    { requester: "shell:riley", requesterName: "Riley", platform: "shell", channel: "C1" },
    { org: linkedOrg(orgSlug), campaigns: org.campaigns, action: "resume", reason: "storm over", rule },
  );
  return { ...w, request };
}

/** decide, with a refusal (thrown, audited as denied) read as the failed reply the dispatcher makes of it. */
const decide = (...args: Parameters<typeof decideOrRefuse>) =>
  decideOrRefuse(...args).catch((e: unknown) => {
    if (isAppError(e) && e.outcome === "denied") return { ok: false };
    throw e;
  });

describe("policy into the filed request", () => {
  it("takes each field from the most specific layer that sets it", async () => {
    const { request, audit } = await fileResume("acme");
    expect(request).toMatchObject({
      status: "pending",
      approversRequired: 2,
      approverPermission: "outbound:campaign:edit",
      approverMustBeUser: true,
      expiresAt: new Date(T0.getTime() + 5 * 60_000),
      targets: [{ campaignId: "c1", version: 4, division: { id: "sales" } }],
    });
    expect(audit.rows).toEqual([
      expect.objectContaining({
        outcome: "pending",
        target: "c1",
        detail: expect.objectContaining({ approvalId: request.id, approvers: 2, policy: "orgs.acme.resume" }),
      }),
    ]);
  });

  it("leaves another org with '*' over the defaults", async () => {
    const { request, audit } = await fileResume("beta");
    expect(request).toMatchObject({
      approversRequired: 2,
      approverMustBeUser: false,
      expiresAt: new Date(T0.getTime() + 30 * 60_000),
    });
    expect(audit.rows[0]?.detail).toMatchObject({ policy: "orgs.*.resume" });
  });

  it("holds approvers to the filed rule: a role-mapped approver is refused in acme only", async () => {
    for (const [orgSlug, allowed] of [
      ["acme", false],
      ["beta", true],
    ] as const) {
      const w = await fileResume(orgSlug);
      await w.identities.map({
        chatIdentity: "shell:desk",
        orgSlug,
        genesys: { kind: "role", roleName: "Supervisor" },
        createdBy: "shell:admin",
      });
      expect(
        (
          await decide(
            w.services,
            w.requested("shell:desk"),
            { id: w.request.id, verdict: "approve" },
            noProgress,
          )
        ).ok,
      ).toBe(allowed);
    }
  });
});
