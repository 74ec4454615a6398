import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { useStore } from "./contracts/harness.js";
import { orgStoreContract } from "./contracts/org-store.js";

describe("org-store on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  orgStoreContract(useStore(() => url));
});
