import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { useStore } from "./contracts/harness.js";
import { leaseReplicasContract } from "./contracts/lease-replicas.js";
import { leaseStoreContract } from "./contracts/lease-store.js";

describe("leases and listener replicas on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  const harness = useStore(() => url);
  leaseStoreContract(harness);
  leaseReplicasContract(harness);
});
