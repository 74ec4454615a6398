import { describePg, useTestDatabase } from "../support/pg.js";
import { useStore } from "./contracts/harness.js";
import { leaseReplicasContract } from "./contracts/lease-replicas.js";
import { leaseStoreContract } from "./contracts/lease-store.js";

describePg("leases and listener replicas on PostgreSQL", () => {
  const database = useTestDatabase();
  const harness = useStore(() => database.url);
  leaseStoreContract(harness);
  leaseReplicasContract(harness);
});
