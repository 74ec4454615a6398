import { describePg, useTestDatabase } from "../support/pg.js";
import { auditLogContract } from "./contracts/audit-log.js";
import { useStore } from "./contracts/harness.js";

describePg("audit-log on PostgreSQL", () => {
  const database = useTestDatabase();
  auditLogContract(useStore(() => database.url));
});
