import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { deliveryDedupeContract } from "./contracts/delivery-dedupe.js";
import { useStore } from "./contracts/harness.js";

describe("delivery dedupe and Slack installations on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  deliveryDedupeContract(useStore(() => url));
});
