import { describePg, useTestDatabase } from "../support/pg.js";
import { approvalStoreContract } from "./contracts/approval-store.js";
import { useStore } from "./contracts/harness.js";

describePg("approval-store on PostgreSQL", () => {
  const database = useTestDatabase();
  approvalStoreContract(useStore(() => database.url));
});
