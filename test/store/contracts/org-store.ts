/** OrgStore behaviour, run against SQLite (org-store.test.ts) and PostgreSQL (org-store.pg.test.ts). */
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { LinkOrgInput } from "../../../src/core/ports/org-store.js";
import { createCipher, keyIdFor } from "../../../src/store/index.js";
import { type StoreHarness, TEST_KEY } from "./harness.js";

export function acme(overrides: Partial<LinkOrgInput> = {}): LinkOrgInput {
  return {
    slug: "acme",
    genesysOrgId: "6f1c0000-0000-4000-8000-000000000001",
    name: "Acme Corp",
    region: "us_east_1",
    clientId: "client-acme",
    clientSecret: "s3cret-acme-0123456789",
    ...overrides,
  };
}

interface RawOrgRow {
  slug: string;
  secret_ciphertext: string;
  secret_nonce: string;
  secret_key_id: string;
}

export function orgStoreContract(h: StoreHarness): void {
  it("links an org and reads it back without its secret", async () => {
    const linked = await h.store.orgs.upsert(acme());
    expect(linked).toMatchObject({
      slug: "acme",
      name: "Acme Corp",
      region: "us_east_1",
      clientId: "client-acme",
    });
    expect(linked.health).toBe("unknown");
    expect(linked.linkedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(linked)).not.toContain("s3cret");
    expect(await h.store.orgs.get("acme")).toEqual(linked);
    expect(await h.store.orgs.get("nope")).toBeNull();
  });

  it("lists orgs by slug", async () => {
    await h.store.orgs.upsert(acme({ slug: "zeta" }));
    await h.store.orgs.upsert(acme({ slug: "beta" }));
    expect((await h.store.orgs.list()).map((o) => o.slug)).toEqual(["beta", "zeta"]);
  });

  it("returns the decrypted credentials", async () => {
    await h.store.orgs.upsert(acme());
    expect(await h.store.orgs.credentials("acme")).toEqual({
      clientId: "client-acme",
      clientSecret: "s3cret-acme-0123456789",
    });
    expect(await h.store.orgs.credentials("nope")).toBeNull();
  });

  it("never stores the secret in plain text", async () => {
    await h.store.orgs.upsert(acme());
    const rows = await h.store.db.$queryRawUnsafe<RawOrgRow[]>("SELECT * FROM linked_orgs");
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
      "s3cret",
    );
    const [row] = rows;
    expect(row?.secret_key_id).toBe(keyIdFor(TEST_KEY));
    expect(Buffer.from(row?.secret_nonce ?? "", "base64")).toHaveLength(12);
  });

  it("replaces credentials and resets health when an org is linked again", async () => {
    const first = await h.store.orgs.upsert(acme());
    await h.store.orgs.setHealth("acme", "broken", "bad.credentials");
    const [before] = await h.store.db.$queryRawUnsafe<RawOrgRow[]>("SELECT * FROM linked_orgs");
    const again = await h.store.orgs.upsert(acme({ clientId: "client-2", clientSecret: "another-secret" }));
    expect(await h.store.orgs.credentials("acme")).toEqual({
      clientId: "client-2",
      clientSecret: "another-secret",
    });
    expect(again).toMatchObject({ health: "unknown", healthReason: null, healthCheckedAt: null });
    expect(again.linkedAt).toEqual(first.linkedAt);
    const [after] = await h.store.db.$queryRawUnsafe<RawOrgRow[]>("SELECT * FROM linked_orgs");
    expect(after?.secret_ciphertext).not.toBe(before?.secret_ciphertext);
    expect(after?.secret_nonce).not.toBe(before?.secret_nonce);
  });

  it("records health with its reason and check time", async () => {
    await h.store.orgs.upsert(acme());
    await h.store.orgs.setHealth("acme", "broken", "credentials belong to another org");
    expect(await h.store.orgs.get("acme")).toMatchObject({
      health: "broken",
      healthReason: "credentials belong to another org",
      healthCheckedAt: expect.any(Date),
    });
    await h.store.orgs.setHealth("acme", "ok");
    expect(await h.store.orgs.get("acme")).toMatchObject({ health: "ok", healthReason: null });
    await expect(h.store.orgs.setHealth("nope", "ok")).resolves.toBeUndefined();
  });

  it("keeps automap off by default, stores it, and keeps it when the org is linked again", async () => {
    expect(await h.store.orgs.upsert(acme())).toMatchObject({ automap: false });
    expect(await h.store.orgs.setAutomap("acme", true)).toBe(true);
    expect(await h.store.orgs.get("acme")).toMatchObject({ automap: true });
    // Relinking replaces credentials, not the admin's choice about onboarding.
    expect(await h.store.orgs.upsert(acme({ clientId: "client-2" }))).toMatchObject({ automap: true });
    expect(await h.store.orgs.setAutomap("acme", false)).toBe(true);
    expect((await h.store.orgs.list())[0]).toMatchObject({ automap: false });
    expect(await h.store.orgs.setAutomap("nope", true)).toBe(false);
  });

  it("unlinks an org but keeps its identity mappings and audit rows", async () => {
    await h.store.orgs.upsert(acme());
    await h.store.identities.map({
      chatIdentity: "shell:sam",
      orgSlug: "acme",
      genesys: { kind: "user", userId: "u-1" },
      createdBy: "shell:admin",
    });
    await h.store.audit.append({
      actor: "shell:admin",
      platform: "shell",
      channel: "tty",
      orgSlug: "acme",
      action: "org.link",
      outcome: "success",
    });
    expect(await h.store.orgs.unlink("acme")).toBe(true);
    expect(await h.store.orgs.unlink("acme")).toBe(false);
    expect(await h.store.orgs.get("acme")).toBeNull();
    expect(await h.store.orgs.credentials("acme")).toBeNull();
    expect(await h.store.identities.get("shell:sam", "acme")).not.toBeNull();
    expect(await h.store.audit.list({ orgSlug: "acme" })).toHaveLength(1);
  });

  it("refuses a sealed secret copied onto another org's row", async () => {
    await h.store.orgs.upsert(acme());
    await h.store.orgs.upsert(acme({ slug: "other", clientSecret: "other-secret" }));
    await h.store.db.$executeRawUnsafe(
      "UPDATE linked_orgs SET secret_ciphertext = (SELECT secret_ciphertext FROM linked_orgs WHERE slug = 'acme'), " +
        "secret_nonce = (SELECT secret_nonce FROM linked_orgs WHERE slug = 'acme'), " +
        "secret_tag = (SELECT secret_tag FROM linked_orgs WHERE slug = 'acme') WHERE slug = 'other'",
    );
    await expect(h.store.orgs.credentials("other")).rejects.toMatchObject({ code: "config" });
  });

  it("re-seals secrets with the new active key after a rotation", async () => {
    await h.store.orgs.upsert(acme());
    const newKey = randomBytes(32);
    const rotated = createCipher([
      { id: keyIdFor(newKey), key: newKey },
      { id: keyIdFor(TEST_KEY), key: TEST_KEY },
    ]);
    const rotating = await h.openAnother(rotated);
    expect(await rotating.orgs.credentials("acme")).toMatchObject({ clientSecret: "s3cret-acme-0123456789" });
    expect(await rotating.orgs.resealSecrets()).toBe(1);
    expect(await rotating.orgs.resealSecrets()).toBe(0);
    const onlyNew = await h.openAnother(createCipher([{ id: keyIdFor(newKey), key: newKey }]));
    expect(await onlyNew.orgs.credentials("acme")).toMatchObject({ clientSecret: "s3cret-acme-0123456789" });
    await expect(h.store.orgs.credentials("acme")).rejects.toMatchObject({ code: "config" });
  });
}
