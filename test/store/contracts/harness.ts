/**
 * Opens a real store (either provider) for a suite, with a known master key, and empties every table
 * before each test so the contract suites can run against one database per file.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  type AuditKeyring,
  createCipher,
  deriveAuditKey,
  keyIdFor,
  openStore,
  type SecretCipher,
  type Store,
} from "../../../src/store/index.js";

export const TEST_KEY = randomBytes(32);
export const testCipher: SecretCipher = createCipher([{ id: keyIdFor(TEST_KEY), key: TEST_KEY }]);
const auditKey = deriveAuditKey(TEST_KEY);
/** The audit chain's keys, as the app derives them from the master key. */
export const testAuditKeys: AuditKeyring = { active: auditKey, all: [auditKey] };

export interface StoreHarness {
  /** The suite's store (open between beforeAll and afterAll). */
  readonly store: Store;
  readonly url: string;
  /** Another store on the same database: a separate Prisma client and connection(s). */
  openAnother(cipher?: SecretCipher): Promise<Store>;
}

export function useStore(url: () => string): StoreHarness {
  let store: Store | undefined;
  const others: Store[] = [];
  beforeAll(async () => {
    store = await openStore({ url: url(), cipher: testCipher, auditKeys: testAuditKeys });
  });
  beforeEach(async () => {
    if (!store) return;
    // Votes before their requests (foreign key).
    for (const table of [
      "approval_votes",
      "approval_requests",
      "audit_events",
      "identity_links",
      "identity_mappings",
      "linked_orgs",
    ]) {
      await store.db.$executeRawUnsafe(`DELETE FROM ${table}`);
    }
  });
  afterAll(async () => {
    await Promise.all([store?.close(), ...others.map((other) => other.close())]);
  });
  return {
    get store() {
      if (!store) throw new Error("the store is open only inside tests");
      return store;
    },
    get url() {
      return url();
    },
    async openAnother(cipher = testCipher) {
      const other = await openStore({ url: url(), cipher, auditKeys: testAuditKeys });
      others.push(other);
      return other;
    },
  };
}
