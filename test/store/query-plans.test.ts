import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// Plans are kept between processes, so each step is its own process (store/query-plans.ts).
const WORKER = fileURLToPath(new URL("./fixtures/plan-worker.ts", import.meta.url));
const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "switchboard-plans-"));
const url = `file:${path.join(dir, "switchboard.db")}`;
const planDir = path.join(dir, "query-plans");
const planFile = path.join(planDir, "sqlite.json");
const SLUG = "no-such-org-5e1f0c";

interface WorkerResult {
  found: string | null;
  orgs: number;
  reasons: string[];
  kept: number;
  compiled: number;
}

async function worker(plans = planDir): Promise<WorkerResult> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", WORKER, url, plans, SLUG], {
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "") as WorkerResult;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("query plans kept between processes", () => {
  let fingerprint = "";

  it("the first process compiles its plans and keeps them, owner-only, without the values it queried", async () => {
    const first = await worker();
    expect(first).toMatchObject({ found: null, orgs: 0, reasons: [SLUG], kept: 0 });
    expect(first.compiled).toBeGreaterThan(0);
    const text = readFileSync(planFile, "utf8");
    const kept = JSON.parse(text) as { fingerprint: string; plans: Record<string, unknown> };
    fingerprint = kept.fingerprint;
    expect(Object.keys(kept.plans)).toHaveLength(first.compiled);
    expect(text).not.toContain(SLUG); // the slug was a parameter, not part of the plan
    expect(statSync(planFile).mode & 0o777).toBe(0o600);
    expect(statSync(planDir).mode & 0o777).toBe(0o700);
  }, 120_000);

  it("the next process takes every plan from the file and gets the same answers", async () => {
    const second = await worker();
    expect(second).toMatchObject({ found: null, orgs: 0, reasons: [SLUG, SLUG], compiled: 0 });
    expect(second.kept).toBeGreaterThan(0);
  }, 120_000);

  it("plans made for another schema or Prisma version are not used, and are replaced", async () => {
    const kept = JSON.parse(readFileSync(planFile, "utf8")) as { plans: Record<string, unknown> };
    writeFileSync(planFile, JSON.stringify({ fingerprint: "another-schema", plans: kept.plans }));
    const third = await worker();
    expect(third).toMatchObject({ found: null, kept: 0 });
    expect(third.compiled).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(planFile, "utf8")).fingerprint).toBe(fingerprint);
  }, 120_000);

  it("a damaged file or a directory that cannot be made only means compiling as Prisma would", async () => {
    writeFileSync(planFile, "{ not json");
    expect(await worker()).toMatchObject({ found: null, orgs: 0, kept: 0 });
    const nowhere = path.join(dir, "missing-parent", "query-plans");
    expect(await worker(nowhere)).toMatchObject({ found: null, orgs: 0, kept: 0 });
    expect(existsSync(path.dirname(nowhere))).toBe(false);
  }, 120_000);
});
