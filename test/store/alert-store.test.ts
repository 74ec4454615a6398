import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { alertStoreContract } from "./contracts/alert-store.js";
import { useStore } from "./contracts/harness.js";

describe("alert store on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  alertStoreContract(useStore(() => url));
});
