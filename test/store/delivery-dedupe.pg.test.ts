import { describePg, useTestDatabase } from "../support/pg.js";
import { deliveryDedupeContract } from "./contracts/delivery-dedupe.js";
import { useStore } from "./contracts/harness.js";

describePg("delivery dedupe and Slack installations on PostgreSQL", () => {
  const database = useTestDatabase();
  deliveryDedupeContract(useStore(() => database.url));
});
