import { describe } from "vitest";
import { describePg, useTestDatabase } from "../support/pg.js";
import { bulkStoreContract } from "./contracts/bulk-store.js";
import { useStore } from "./contracts/harness.js";
import { scheduleStoreContract } from "./contracts/schedule-store.js";

describePg("bulk jobs and scheduled actions on PostgreSQL", () => {
  const database = useTestDatabase();
  const h = useStore(() => database.url);
  describe("bulk jobs", () => bulkStoreContract(h));
  describe("scheduled actions", () => scheduleStoreContract(h));
});
