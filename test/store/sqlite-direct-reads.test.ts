import { describe, expect, it } from "vitest";
import { PrismaAuditLog } from "../../src/store/prisma-audit-log.js";
import { PrismaIdentityStore } from "../../src/store/prisma-identity-store.js";
import { PrismaOrgStore } from "../../src/store/prisma-org-store.js";
import { sqliteDate } from "../../src/store/sqlite-direct-reads.js";
import { useTempDir } from "../support/temp-dir.js";
import { testCipher, useStore } from "./contracts/harness.js";
import { acme } from "./contracts/org-store.js";

// On SQLite the org, mapping and plain audit reads skip Prisma (src/store/sqlite-direct-reads.ts):
// they must answer exactly what the same stores answer through Prisma.
describe("direct SQLite reads", () => {
  const tmp = useTempDir();
  const h = useStore(() => tmp.sqliteUrl("direct.db"));
  const throughPrisma = () => ({
    orgs: new PrismaOrgStore(h.store.db, testCipher),
    identities: new PrismaIdentityStore(h.store.db),
    audit: new PrismaAuditLog(h.store.db, "sqlite"),
  });

  it("read an org as Prisma does: health, its check time, automap, link and update times", async () => {
    await h.store.orgs.upsert(acme());
    await h.store.orgs.upsert(acme({ slug: "beta" }));
    await h.store.orgs.setHealth("beta", "broken", "refused");
    await h.store.orgs.setAutomap("beta", true);
    const prisma = throughPrisma();
    for (const slug of ["acme", "beta", "nope"]) {
      expect(await h.store.orgs.get(slug)).toEqual(await prisma.orgs.get(slug));
    }
    expect((await h.store.orgs.get("beta"))?.automap).toBe(true);
  });

  it("still answer after Prisma closed its connection (it opens a new one)", async () => {
    await h.store.orgs.upsert(acme());
    await h.store.db.$disconnect();
    expect((await h.store.orgs.get("acme"))?.slug).toBe("acme");
    expect((await h.store.orgs.get("acme"))?.slug).toBe("acme");
  });

  it("read a mapping as Prisma does, user or role, also one SQLite dated itself", async () => {
    await h.store.identities.map({
      chatIdentity: "slack:T1:U1",
      orgSlug: "acme",
      genesys: { kind: "user", userId: "u-1", email: "ann@example.com" },
      createdBy: "admin",
    });
    await h.store.identities.map({
      chatIdentity: "slack:T1:U2",
      orgSlug: "acme",
      genesys: { kind: "role", roleName: "Supervisors" },
      createdBy: "admin",
    });
    // created_at left to its DEFAULT CURRENT_TIMESTAMP: "YYYY-MM-DD HH:MM:SS", no offset.
    await h.store.db.$executeRawUnsafe(
      "INSERT INTO identity_mappings (chat_identity, org_slug, kind, genesys_role_name, created_by, updated_at)" +
        " VALUES ('slack:T1:U3', 'acme', 'role', 'Agents', 'sql', '2026-12-07 09:00:00')",
    );
    const prisma = throughPrisma();
    for (const who of ["slack:T1:U1", "slack:T1:U2", "slack:T1:U3", "slack:T1:U4"]) {
      expect(await h.store.identities.get(who, "acme")).toEqual(await prisma.identities.get(who, "acme"));
    }
  });

  it("list audit rows as Prisma does, newest first, by org, campaign and actor", async () => {
    const base = { platform: "shell", channel: "shell", outcome: "info" } as const;
    for (let i = 0; i < 8; i++) {
      await h.store.audit.append({
        ...base,
        actor: i % 2 ? "shell:ann" : "shell:bob",
        orgSlug: i % 3 ? "acme" : "beta",
        action: "status",
        target: i % 4 ? "c-1" : "c-2",
        targetName: "Spring",
        durationMs: i,
        detail: i % 2 ? { note: "n", n: i } : null,
      });
    }
    const prisma = throughPrisma();
    for (const query of [
      { orgSlug: "acme", target: "c-1", limit: 20 },
      { orgSlug: "acme", target: "c-1", limit: 2 },
      { actor: "shell:ann" },
      { orgSlug: "beta" },
      {},
      { target: "none" },
    ]) {
      const direct = await h.store.audit.list(query);
      expect(direct).toEqual(await prisma.audit.list(query));
    }
    expect((await h.store.audit.list({ orgSlug: "acme", target: "c-1" })).length).toBeGreaterThan(0);
  });
});

describe("a DATETIME read as Prisma reads it", () => {
  it("takes the adapter's ISO text, SQLite's own text and epoch milliseconds", () => {
    expect(sqliteDate("2026-12-07T09:00:00.123+00:00").toISOString()).toBe("2026-12-07T09:00:00.123Z");
    expect(sqliteDate("2026-12-07 09:00:00").toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(sqliteDate("2026-12-07T10:00:00+01").toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(sqliteDate("2026-12-07").toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(sqliteDate(1_796_634_000_000).toISOString()).toBe(new Date(1_796_634_000_000).toISOString());
  });
});
