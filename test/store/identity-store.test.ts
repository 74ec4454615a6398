import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { useStore } from "./contracts/harness.js";
import { identityStoreContract } from "./contracts/identity-store.js";

describe("identity-store on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  identityStoreContract(useStore(() => url));
});
