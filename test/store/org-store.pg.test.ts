import { describePg, useTestDatabase } from "../support/pg.js";
import { useStore } from "./contracts/harness.js";
import { orgStoreContract } from "./contracts/org-store.js";

describePg("org-store on PostgreSQL", () => {
  const database = useTestDatabase();
  orgStoreContract(useStore(() => database.url));
});
