/**
 * The core's services over in-memory fakes, with the real permission gate on top (the gate is
 * core logic, not a port): one linked org per fake Genesys org. Services a test does not supply
 * throw when used, so a rule that starts needing one fails loudly rather than passing by accident.
 */
import type { Platform } from "../../src/core/kernel/invocation.js";
import { silentLogger } from "../../src/core/kernel/logger.js";
import type { ChatIdentity } from "../../src/core/kernel/model.js";
import type { Requested } from "../../src/core/kernel/requested.js";
import { PermissionGate } from "../../src/core/permissions/permission-gate.js";
import { DEFAULT_POLICY } from "../../src/core/policy/policy.js";
import { staticPolicy } from "../../src/core/policy/policy-source.js";
import type { CoreServices } from "../../src/core/services.js";
import { FakeApprovalStore } from "./approval-store.js";
import { FakeAuditLog } from "./audit-log.js";
import { fixedClock } from "./clock.js";
import { type FakeOrgClient, fakeGateway } from "./genesys.js";
import { FakeIdentityStore } from "./identity-store.js";
import { FakeOrgStore, linkedOrg } from "./org-store.js";

export const T0 = new Date("2026-03-01T09:00:00.000Z");

export function fakeWorld(orgs: FakeOrgClient[], extra: Partial<CoreServices> = {}) {
  const clock = fixedClock(T0);
  const identities = new FakeIdentityStore(clock.now);
  const approvals = new FakeApprovalStore(clock.now);
  const audit = new FakeAuditLog(clock.now);
  const known: Partial<CoreServices> = {
    orgs: new FakeOrgStore(orgs.map((o) => linkedOrg(o.orgSlug))),
    identities,
    audit,
    genesys: fakeGateway(Object.fromEntries(orgs.map((o) => [o.orgSlug, o]))),
    clock,
    logger: silentLogger,
    settings: { stopWaitMs: 0, pollIntervalMs: 0, listLimit: 50, bulkConcurrency: 1, retryBudgetMs: 0 },
    approvals,
    policy: staticPolicy(DEFAULT_POLICY, "built-in defaults"),
    // ttlMs 0: a grant changed by a test applies at once.
    gate: PermissionGate.create({ identities, clock, ttlMs: 0 }),
    isAdmin: () => false,
    ...extra,
  };
  const services = new Proxy(known, {
    get(target, property) {
      if (property in target) return target[property as keyof CoreServices];
      throw new Error(`fake services: ${String(property)} is not faked`);
    },
  }) as CoreServices;
  /** `actor` asking from channel C1, as a use case sees the caller. */
  const requested = (actor: ChatIdentity, platform: Platform = "shell"): Requested => ({
    requester: actor,
    requesterName: actor,
    platform,
    channel: "C1",
  });
  return { services, clock, identities, approvals, audit, requested };
}
