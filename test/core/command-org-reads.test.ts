import { describe, expect, it } from "vitest";
import { commandOrgReads } from "../../src/core/dispatch/command-org-reads.js";
import { FakeOrgStore, linkedOrg } from "../fakes/org-store.js";

/** The fake store, counting the reads that reach it. */
function countingStore() {
  const store = new FakeOrgStore([linkedOrg("acme"), linkedOrg("globex")]);
  const reads: string[] = [];
  const get = store.get.bind(store);
  store.get = (slug: string) => {
    reads.push(slug);
    return get(slug);
  };
  return { store, reads };
}

describe("one command's org reads", () => {
  it("reads each org from the store once, however many steps ask for it", async () => {
    const { store, reads } = countingStore();
    const orgs = commandOrgReads(store);
    const [a, b] = await Promise.all([orgs.get("acme"), orgs.get("acme")]);
    await orgs.get("acme");
    await orgs.get("globex");
    expect(a?.slug).toBe("acme");
    expect(b).toBe(a);
    expect(reads).toEqual(["acme", "globex"]);
  });

  it("reads again after the command changes an org, and sees the change", async () => {
    const { store, reads } = countingStore();
    const orgs = commandOrgReads(store);
    expect((await orgs.get("acme"))?.automap).toBe(false);
    await orgs.setAutomap("acme", true);
    expect((await orgs.get("acme"))?.automap).toBe(true);
    await orgs.unlink("acme");
    expect(await orgs.get("acme")).toBeNull();
    expect(reads).toEqual(["acme", "acme", "acme"]);
  });

  it("does not remember a failed read", async () => {
    const { store, reads } = countingStore();
    const get = store.get;
    let fail = true;
    store.get = (slug: string) => (fail ? Promise.reject(new Error("database busy")) : get(slug));
    const orgs = commandOrgReads(store);
    await expect(orgs.get("acme")).rejects.toThrow("database busy");
    fail = false;
    expect((await orgs.get("acme"))?.slug).toBe("acme");
    expect(reads).toEqual(["acme"]);
  });

  it("is a view per command: a new command reads the store again", async () => {
    const { store, reads } = countingStore();
    await commandOrgReads(store).get("acme");
    await commandOrgReads(store).get("acme");
    expect(reads).toEqual(["acme", "acme"]);
  });
});
