import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { bulkStoreContract } from "./contracts/bulk-store.js";
import { useStore } from "./contracts/harness.js";
import { scheduleStoreContract } from "./contracts/schedule-store.js";

describe("bulk jobs and scheduled actions on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  const h = useStore(() => url);
  describe("bulk jobs", () => bulkStoreContract(h));
  describe("scheduled actions", () => scheduleStoreContract(h));
});
