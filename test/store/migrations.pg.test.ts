import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import {
  createMigrations,
  deployMigrations,
  diffMigrations,
  ensureMigrated,
  migrationNames,
  migrationStatus,
} from "../../src/store/schema-engine/index.js";
import { admin, createTestDatabase, describePg, pgUrl } from "../support/pg.js";
import { useTempDir } from "../support/temp-dir.js";
import { addWidgetModel, copyProject } from "./fixtures/project-copy.js";

const serverUrl = (): string => pgUrl ?? "";

async function shadowDatabases(): Promise<string[]> {
  const result = await admin(
    serverUrl(),
    "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'",
  );
  return result.rows.map((row: { datname: string }) => row.datname);
}

describePg("migrations on PostgreSQL", () => {
  const tmp = useTempDir();

  it("deploys once, then finds nothing to do", async () => {
    const database = await createTestDatabase();
    try {
      const names = await migrationNames("postgresql");
      expect(await deployMigrations(database.url)).toEqual({ applied: names });
      expect(await deployMigrations(database.url)).toEqual({ applied: [] });
      expect(await migrationStatus(database.url)).toEqual({ applied: names, pending: [], problems: [] });
      expect(await ensureMigrated(database.url)).toEqual({ applied: [], fastPath: true });
    } finally {
      await database.drop();
    }
  });

  it("applies each migration exactly once when four callers race on a new database", async () => {
    const database = await createTestDatabase();
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => ensureMigrated(database.url)));
      expect(results.flatMap((r) => r.applied)).toEqual(await migrationNames("postgresql"));
      const rows = await admin(database.url, "SELECT migration_name FROM _prisma_migrations");
      expect(rows.rowCount).toBe((await migrationNames("postgresql")).length);
    } finally {
      await database.drop();
    }
  });

  it("has a migration for every schema change, and leaves no shadow database behind", async () => {
    const before = await shadowDatabases();
    expect(await diffMigrations("postgresql", { shadowUrl: serverUrl() })).toBe("");
    expect(await shadowDatabases()).toEqual(before);
  });

  it("creates the migration for both providers under one name", async () => {
    const root = copyProject(tmp.file("authoring"));
    addWidgetModel(root);
    const created = await createMigrations("add widgets", { root, shadowUrl: serverUrl() });
    const folder = created.postgresql;
    expect(folder).toMatch(/^\d{14}_add_widgets$/);
    expect(created.sqlite).toBe(folder);
    const sql = readFileSync(
      path.join(root, "prisma", "postgresql", "migrations", folder ?? "", "migration.sql"),
      "utf8",
    );
    expect(sql).toContain('CREATE TABLE "widgets"');
    expect(sql).toContain('CONSTRAINT "widgets_pkey" PRIMARY KEY ("id")');
    expect(await createMigrations("again", { root, shadowUrl: serverUrl() })).toEqual({
      sqlite: null,
      postgresql: null,
    });
    const database = await createTestDatabase();
    try {
      expect(await deployMigrations(database.url, { root })).toEqual({
        applied: await migrationNames("postgresql", root),
      });
    } finally {
      await database.drop();
    }
  });
});
