import { describePg, useTestDatabase } from "../support/pg.js";
import { useStore } from "./contracts/harness.js";
import { identityStoreContract } from "./contracts/identity-store.js";

describePg("identity-store on PostgreSQL", () => {
  const database = useTestDatabase();
  identityStoreContract(useStore(() => database.url));
});
