import { describePg, useTestDatabase } from "../support/pg.js";
import { useStore } from "./contracts/harness.js";
import { leaseStoreContract } from "./contracts/lease-store.js";

describePg("leases on PostgreSQL", () => {
  const database = useTestDatabase();
  leaseStoreContract(useStore(() => database.url));
});
