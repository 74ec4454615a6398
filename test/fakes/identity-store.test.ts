/**
 * The fake identity store runs the same contract as the Prisma one, so it cannot drift from it
 * (the approval store's fake likewise runs approval-behaviour.ts: approval-store.test.ts here).
 */
import { beforeEach, describe } from "vitest";
import type { Store } from "../../src/store/index.js";
import type { StoreHarness } from "../store/contracts/harness.js";
import { identityStoreContract } from "../store/contracts/identity-store.js";
import { FakeIdentityStore } from "./identity-store.js";

describe("fake identity store, under the identity-store contract", () => {
  const identities = new FakeIdentityStore();
  beforeEach(() => identities.clear());
  const harness: StoreHarness = {
    store: { identities } as unknown as Store,
    url: "memory:",
    openAnother: () => Promise.reject(new Error("an in-memory store has no second connection")),
  };
  identityStoreContract(harness);
});
