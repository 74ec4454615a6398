/** IdentityStore behaviour, run against SQLite and PostgreSQL. */
import { expect, it } from "vitest";
import type { StoreHarness } from "./harness.js";

export function identityStoreContract(h: StoreHarness): void {
  it("maps a chat identity to a Genesys user and reads it back", async () => {
    const mapping = await h.store.identities.map({
      chatIdentity: "slack:T1:U1",
      orgSlug: "acme",
      genesys: { kind: "user", userId: "user-1", email: "sam@acme.test" },
      createdBy: "slack:T1:ADMIN",
    });
    expect(mapping).toEqual({
      chatIdentity: "slack:T1:U1",
      orgSlug: "acme",
      genesys: { kind: "user", userId: "user-1", email: "sam@acme.test" },
      createdBy: "slack:T1:ADMIN",
      createdAt: expect.any(Date),
    });
    expect(await h.store.identities.get("slack:T1:U1", "acme")).toEqual(mapping);
    expect(await h.store.identities.get("slack:T1:U1", "other")).toBeNull();
  });

  it("replaces a user mapping with a role mapping", async () => {
    await h.store.identities.map({
      chatIdentity: "shell:riley",
      orgSlug: "acme",
      genesys: { kind: "user", userId: "user-1", email: "r@acme.test" },
      createdBy: "shell:admin",
    });
    const replaced = await h.store.identities.map({
      chatIdentity: "shell:riley",
      orgSlug: "acme",
      genesys: { kind: "role", roleName: "Outbound Viewer" },
      createdBy: "shell:root",
    });
    expect(replaced.genesys).toEqual({ kind: "role", roleName: "Outbound Viewer" });
    expect(replaced.createdBy).toBe("shell:root");
    expect(await h.store.identities.list()).toHaveLength(1);
  });

  it("keeps one mapping per org and lists them in order", async () => {
    const user = { kind: "user" as const, userId: "u" };
    for (const [chatIdentity, orgSlug] of [
      ["shell:sam", "zeta"],
      ["shell:sam", "acme"],
      ["shell:alex", "acme"],
    ] as const) {
      await h.store.identities.map({ chatIdentity, orgSlug, genesys: user, createdBy: "shell:admin" });
    }
    expect((await h.store.identities.forIdentity("shell:sam")).map((m) => m.orgSlug)).toEqual([
      "acme",
      "zeta",
    ]);
    expect((await h.store.identities.list()).map((m) => `${m.chatIdentity}@${m.orgSlug}`)).toEqual([
      "shell:alex@acme",
      "shell:sam@acme",
      "shell:sam@zeta",
    ]);
    expect(await h.store.identities.forIdentity("shell:nobody")).toEqual([]);
  });

  it("unmaps one org only, and says whether anything was removed", async () => {
    const role = { kind: "role" as const, roleName: "Outbound Admin" };
    await h.store.identities.map({
      chatIdentity: "shell:sam",
      orgSlug: "acme",
      genesys: role,
      createdBy: "a",
    });
    await h.store.identities.map({
      chatIdentity: "shell:sam",
      orgSlug: "beta",
      genesys: role,
      createdBy: "a",
    });
    expect(await h.store.identities.unmap("shell:sam", "acme")).toBe(true);
    expect(await h.store.identities.unmap("shell:sam", "acme")).toBe(false);
    expect((await h.store.identities.forIdentity("shell:sam")).map((m) => m.orgSlug)).toEqual(["beta"]);
  });
}
