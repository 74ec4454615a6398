/**
 * The security admin commands as an operator runs them (the real binary, a real SQLite file):
 * `audit checkpoint` + `audit verify --anchor` catch rows cut from the end, which the chain alone
 * cannot; `keys rotate` re-seals org secrets under a new master key so the old one can go;
 * `user link` makes two chat identities one person for four-eyes.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { runCliInProcess } from "../support/run-cli-in-process.js";
import { useTempDir } from "../support/temp-dir.js";

const tmp = useTempDir("switchboard-keys-anchor-");

function workspace(name: string) {
  const dbFile = tmp.file(`${name}.db`);
  const env = { SWITCHBOARD_DATA_DIR: tmp.file(`${name}-data`), DATABASE_URL: `file:${dbFile}` };
  return { dbFile, env };
}

function auditActions(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare("SELECT action FROM audit_events ORDER BY seq").all() as { action: string }[]).map(
      (r) => r.action,
    );
  } finally {
    db.close();
  }
}

async function ok(args: string[], env: Record<string, string>) {
  const r = await runCliInProcess(args, { env });
  expect(r.code, `${args.join(" ")}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}

describe("switchboard audit verify --anchor", () => {
  it("says intact up to the checkpoint, then catches deleted rows that plain verify misses", async () => {
    const { dbFile, env } = workspace("anchor");
    const anchors = tmp.file("anchor-checkpoints.txt");
    const withFile = { ...env, SWITCHBOARD_AUDIT_CHECKPOINT_FILE: anchors };
    await ok(["exec", "list acme"], withFile);
    const cp = await ok(["audit", "checkpoint"], withFile);
    expect(cp.stdout).toContain(`Appended to ${anchors}.`);
    expect(readFileSync(anchors, "utf8").trim()).not.toBe("");

    const intact = await ok(["audit", "verify", "--anchor", anchors], withFile);
    expect(intact.stdout).toMatch(/Audit chain intact: \d+ rows/);
    expect(intact.stdout).toMatch(/Consistent with \d+ signed checkpoints?: nothing was cut/);

    // An insider deletes the rows (here all of them): what is left is still a valid chain.
    const db = new Database(dbFile);
    expect(db.prepare("DELETE FROM audit_events").run().changes).toBeGreaterThan(0);
    db.close();
    const plain = await ok(["audit", "verify"], withFile);
    expect(plain.stdout).toContain("Without --anchor, rows cut from the end cannot be seen");
    const anchored = await runCliInProcess(["audit", "verify", "--anchor", anchors], { env: withFile });
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toContain("Audit chain BROKEN");
  }, 120_000);
});

describe("switchboard keys rotate", () => {
  it("dry-runs, re-seals under the new master key with --apply, after which the old key can go", async () => {
    const { dbFile, env } = workspace("keys");
    await ok(["exec", 'status acme "Spring Promo"'], env);
    const oldKey = readFileSync(tmp.file("keys-data", "master.key"), "utf8").trim();
    const newKey = randomBytes(32).toString("base64");
    const rotating = { ...env, SWITCHBOARD_MASTER_KEY: newKey, SWITCHBOARD_OLD_MASTER_KEYS: oldKey };

    const dry = await ok(["keys", "rotate"], rotating);
    expect(dry.stdout).toMatch(
      /Dry run: [1-9]\d* org secrets? and \d+ Slack installations? are sealed with an older key/,
    );
    expect(dry.stdout).toContain("switchboard keys rotate --apply");
    // The built binary, once for the keys family; the other runs here are in-process.
    const applied = await runCli(["keys", "rotate", "--apply"], { env: rotating });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Re-sealed [1-9]\d* org secrets?/);
    expect(`${applied.stdout}${applied.stderr}`).not.toContain(oldKey);

    // Only the new key now: the org's client secret still opens, so Genesys calls work.
    const newOnly = { ...env, SWITCHBOARD_MASTER_KEY: newKey };
    const status = await ok(["exec", 'status acme "Spring Promo"'], newOnly);
    expect(status.stdout).toContain("Spring Promo");
    expect(auditActions(dbFile)).toContain("keys.rotate");
  }, 120_000);
});

describe("switchboard user link", () => {
  it("links two identities into one person, so one cannot approve the other's request; unlink undoes it", async () => {
    const { dbFile, env } = workspace("link");
    const linked = await ok(["user", "link", "shell:sam", "shell:alex"], env);
    expect(linked.stdout).toContain("Linked shell:sam and shell:alex: one person for approvals");

    const asked = await ok(["exec", "--as", "sam", 'resume acme "Summer Sale" --reason "list fixed"'], env);
    const id = /approve ([0-9A-Z]{6})/.exec(asked.stdout)?.[1];
    expect(id, asked.stdout).toBeDefined();
    const refused = await runCli(["exec", "--as", "alex", `approve ${id}`], { env });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain("that is you under another chat identity");

    expect((await ok(["user", "unlink", "shell:sam", "shell:alex"], env)).stdout).toContain(
      "Unlinked shell:sam and shell:alex.",
    );
    expect(auditActions(dbFile)).toEqual(expect.arrayContaining(["user.link", "user.unlink"]));
  }, 120_000);

  it("links in the demo workspace that exec uses when no DATABASE_URL is set", async () => {
    const env = { SWITCHBOARD_DATA_DIR: tmp.file("link-demo-data") };
    const linked = await ok(["user", "link", "shell:sam", "shell:alex"], env);
    expect(linked.stderr).toContain("Database: the demo workspace");
    const asked = await ok(["exec", "--as", "sam", 'resume acme "Summer Sale" --reason "list fixed"'], env);
    const id = /approve ([0-9A-Z]{6})/.exec(asked.stdout)?.[1];
    expect(id, asked.stdout).toBeDefined();
    const refused = await runCli(["exec", "--as", "alex", `approve ${id}`], { env });
    expect(refused.stdout).toContain("that is you under another chat identity");
    // user map verifies against the workspace's own Genesys (its embedded simulator), as exec would.
    const mapped = await ok(["user", "map", "shell:sammy", "acme", "--genesys-user", "sam@acme.test"], env);
    expect(mapped.stdout).toContain("Mapped shell:sammy in acme → user:sam@acme.test");
  }, 120_000);
});
