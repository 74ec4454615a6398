import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-audit-");
const dbFile = tmp.file("audit.db");
const env = { SWITCHBOARD_DATA_DIR: tmp.file("data"), DATABASE_URL: `file:${dbFile}` };

describe("switchboard audit verify / export", () => {
  // Eight CLI runs in a row, the first loading the whole application.
  it("verifies, exports, then names the row someone edited", { timeout: 60_000 }, async () => {
    for (const command of [
      'pause acme "Spring Promo" --reason "a, \\"quoted\\" reason"',
      "list acme",
      "whoami",
    ]) {
      expect((await runCliInProcess(["exec", command], { env })).code).toBe(0);
    }
    const verify = await runCliInProcess(["audit", "verify"], { env });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Audit chain intact: \d+ rows\./);

    const csvFile = tmp.file("audit.csv");
    const csv = await runCliInProcess(
      ["audit", "export", "--format", "csv", "--org", "acme", "--output", csvFile],
      {
        env,
      },
    );
    expect(csv.code).toBe(0);
    const lines = readFileSync(csvFile, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "seq,at,actor,genesysIdentity,platform,channel,orgSlug,action,target,targetName,reason,outcome,intentId,contextId,correlationId,durationMs,detail,prevHash,hash",
    );
    expect(lines.some((l) => l.includes('"a, ""quoted"" reason"'))).toBe(true);

    const jsonl = await runCliInProcess(["audit", "export", "--format", "jsonl"], { env });
    const rows = jsonl.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq: number; action: string });
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["pause", "list", "whoami"]));

    const db = new Database(dbFile);
    db.prepare("UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 2").run();
    db.close();
    const tampered = await runCli(["audit", "verify"], { env });
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain("Audit chain BROKEN at row 2");
  });

  it("explains a wrong format", async () => {
    const r = await runCliInProcess(["audit", "export", "--format", "xml"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be csv or jsonl, not "xml".');
  });
});
