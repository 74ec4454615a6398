import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { useStore } from "./contracts/harness.js";
import { leaseStoreContract } from "./contracts/lease-store.js";

describe("leases on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  leaseStoreContract(useStore(() => url));
});
