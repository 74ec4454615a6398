import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { approvalStoreContract } from "./contracts/approval-store.js";
import { useStore } from "./contracts/harness.js";

describe("approval-store on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  approvalStoreContract(useStore(() => url));
});
