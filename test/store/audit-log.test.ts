import { describe } from "vitest";
import { useTempDir } from "../support/temp-dir.js";
import { auditLogContract } from "./contracts/audit-log.js";
import { useStore } from "./contracts/harness.js";

describe("audit-log on SQLite", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  auditLogContract(useStore(() => url));
});
