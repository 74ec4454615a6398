import { describePg, useTestDatabase } from "../support/pg.js";
import { alertStoreContract } from "./contracts/alert-store.js";
import { useStore } from "./contracts/harness.js";

describePg("alert store on PostgreSQL", () => {
  const database = useTestDatabase();
  alertStoreContract(useStore(() => database.url));
});
