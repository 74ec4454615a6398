import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createMigration,
  deployMigrations,
  diffMigrations,
  ensureMigrated,
  migrationNames,
  migrationStatus,
  PROJECT_ROOT,
  syncPostgresSchema,
} from "../../src/store/schema-engine/index.js";
import { useTempDir } from "../support/temp-dir.js";
import { addWidgetModel, copyProject } from "./fixtures/project-copy.js";

const run = promisify(execFile);

const tmp = useTempDir();

describe("migrations on SQLite", () => {
  it("has an init migration for both providers", async () => {
    const sqlite = await migrationNames("sqlite");
    expect(sqlite[0]).toMatch(/^\d{14}_init$/);
    expect(await migrationNames("postgresql")).toEqual(sqlite);
  });

  it("deploys once, then finds nothing to do", async () => {
    const url = tmp.sqliteUrl();
    const names = await migrationNames("sqlite");
    expect(await deployMigrations(url)).toEqual({ applied: names });
    expect(await deployMigrations(url)).toEqual({ applied: [] });
    expect(await migrationStatus(url)).toEqual({ applied: names, pending: [], problems: [] });
  });

  it("reports pending migrations of a new database", async () => {
    const status = await migrationStatus(tmp.sqliteUrl());
    expect(status.applied).toEqual([]);
    expect(status.pending).toEqual(await migrationNames("sqlite"));
  });

  it("ensureMigrated deploys a new database, then takes the fast path", async () => {
    const url = tmp.sqliteUrl();
    expect(await ensureMigrated(url)).toEqual({ applied: await migrationNames("sqlite"), fastPath: false });
    expect(await ensureMigrated(url)).toEqual({ applied: [], fastPath: true });
  });

  it("applies each migration once when four callers race on a new database", async () => {
    const url = tmp.sqliteUrl("race.db");
    const results = await Promise.all(Array.from({ length: 4 }, () => ensureMigrated(url)));
    expect(results.flatMap((r) => r.applied)).toEqual(await migrationNames("sqlite"));
    expect((await migrationStatus(url)).pending).toEqual([]);
  });

  it("flags a migration edited after it was applied", async () => {
    const root = copyProject(tmp.file("edited"));
    const url = tmp.sqliteUrl();
    await deployMigrations(url, { root });
    const [first] = await migrationNames("sqlite", root);
    const file = path.join(root, "prisma", "sqlite", "migrations", first ?? "", "migration.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n-- edited\n`);
    const status = await migrationStatus(url, { root });
    expect(status.problems).toEqual([expect.stringContaining("edited")]);
  });

  it("has a migration for every schema change", async () => {
    expect(await diffMigrations("sqlite")).toBe("");
  });

  it("creates a migration for a schema change, and none when nothing changed", async () => {
    const root = copyProject(tmp.file("authoring"));
    addWidgetModel(root);
    const folder = await createMigration("sqlite", "add widgets", { root });
    expect(folder).toMatch(/^\d{14}_add_widgets$/);
    const sql = readFileSync(
      path.join(root, "prisma", "sqlite", "migrations", folder ?? "", "migration.sql"),
      "utf8",
    );
    expect(sql).toContain('CREATE TABLE "widgets"');
    expect(await createMigration("sqlite", "again", { root })).toBeNull();
    expect(await deployMigrations(tmp.sqliteUrl(), { root })).toEqual({
      applied: await migrationNames("sqlite", root),
    });
  });
});

describe("the generated PostgreSQL schema", () => {
  it("is in sync with the SQLite schema", async () => {
    expect(await syncPostgresSchema({ check: true })).toEqual({ inSync: true, written: false });
    const { stdout } = await run(process.execPath, [
      path.join(PROJECT_ROOT, "scripts", "prisma-setup.mjs"),
      "check",
    ]);
    expect(stdout).toContain("in sync");
  });

  it("differs from the SQLite schema only in provider and output", () => {
    const sqlite = readFileSync(path.join(PROJECT_ROOT, "prisma/sqlite/schema.prisma"), "utf8");
    const postgres = readFileSync(path.join(PROJECT_ROOT, "prisma/postgresql/schema.prisma"), "utf8");
    expect(postgres).toMatch(/^\/\/ GENERATED .*do not edit/);
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).toContain('output                 = "../../src/store/generated/postgresql"');
    const body = postgres.split("\n").slice(3).join("\n"); // after the two-line header and its blank line
    expect(body.replace('"postgresql"', '"sqlite"').replace("generated/postgresql", "generated/sqlite")).toBe(
      sqlite,
    );
  });

  it("is reported out of sync after the SQLite schema changes", async () => {
    const tmpRoot = copyProject(tmp.file("out-of-sync"));
    addWidgetModel(tmpRoot);
    expect(await syncPostgresSchema({ check: true, root: tmpRoot })).toEqual({
      inSync: false,
      written: false,
    });
    expect(await syncPostgresSchema({ root: tmpRoot })).toEqual({ inSync: false, written: true });
    expect(readFileSync(path.join(tmpRoot, "prisma", "postgresql", "schema.prisma"), "utf8")).toContain(
      "model Widget",
    );
  });
});
