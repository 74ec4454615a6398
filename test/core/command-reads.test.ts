import { describe, expect, it } from "vitest";
import { commandIdentityReads } from "../../src/core/dispatch/command-identity-reads.js";
import { commandOrgReads } from "../../src/core/dispatch/command-org-reads.js";
import { FakeIdentityStore } from "../fakes/identity-store.js";
import { FakeOrgStore, linkedOrg } from "../fakes/org-store.js";

/** The fake org store, counting the reads that reach it. */
function countingOrgs() {
  const store = new FakeOrgStore([linkedOrg("acme"), linkedOrg("globex")]);
  const reads: string[] = [];
  const get = store.get.bind(store);
  store.get = (slug: string) => {
    reads.push(slug);
    return get(slug);
  };
  return { store, reads };
}

/** A clock the test moves by hand. */
function handClock() {
  let at = 0;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe("one command's org reads", () => {
  it("reads each org from the store once, however many steps ask for it", async () => {
    const { store, reads } = countingOrgs();
    const orgs = commandOrgReads(store, handClock().now);
    const [a, b] = await Promise.all([orgs.get("acme"), orgs.get("acme")]);
    await orgs.get("acme");
    await orgs.get("globex");
    expect(a?.slug).toBe("acme");
    expect(b).toBe(a);
    expect(reads).toEqual(["acme", "globex"]);
  });

  it("reads again after the command changes an org, and sees the change", async () => {
    const { store, reads } = countingOrgs();
    const orgs = commandOrgReads(store, handClock().now);
    expect((await orgs.get("acme"))?.automap).toBe(false);
    await orgs.setAutomap("acme", true);
    expect((await orgs.get("acme"))?.automap).toBe(true);
    await orgs.unlink("acme");
    expect(await orgs.get("acme")).toBeNull();
    expect(reads).toEqual(["acme", "acme", "acme"]);
  });

  it("reads again once a read is 2 s old: a long command sees an org unlinked meanwhile", async () => {
    const { store, reads } = countingOrgs();
    const clock = handClock();
    const orgs = commandOrgReads(store, clock.now);
    await orgs.get("acme");
    clock.advance(1_999);
    await orgs.get("acme");
    expect(reads).toEqual(["acme"]);
    await store.unlink("acme");
    clock.advance(1);
    expect(await orgs.get("acme")).toBeNull();
    expect(reads).toEqual(["acme", "acme"]);
  });

  it("does not remember a failed read", async () => {
    const { store, reads } = countingOrgs();
    const get = store.get;
    let fail = true;
    store.get = (slug: string) => (fail ? Promise.reject(new Error("database busy")) : get(slug));
    const orgs = commandOrgReads(store, handClock().now);
    await expect(orgs.get("acme")).rejects.toThrow("database busy");
    fail = false;
    expect((await orgs.get("acme"))?.slug).toBe("acme");
    expect(reads).toEqual(["acme"]);
  });

  it("is a view per command: a new command reads the store again", async () => {
    const { store, reads } = countingOrgs();
    const clock = handClock();
    await commandOrgReads(store, clock.now).get("acme");
    await commandOrgReads(store, clock.now).get("acme");
    expect(reads).toEqual(["acme", "acme"]);
  });
});

describe("one command's identity reads", () => {
  it("reads a caller's mapping once per org, and again after the command maps or unmaps", async () => {
    const store = new FakeIdentityStore();
    const reads: string[] = [];
    const get = store.get.bind(store);
    store.get = (chat: string, org: string) => {
      reads.push(`${chat}@${org}`);
      return get(chat, org);
    };
    const identities = commandIdentityReads(store, handClock().now);
    expect(await identities.get("shell:ana", "acme")).toBeNull();
    expect(await identities.get("shell:ana", "acme")).toBeNull();
    await identities.get("shell:ana", "globex");
    expect(reads).toEqual(["shell:ana@acme", "shell:ana@globex"]);
    await identities.map({
      chatIdentity: "shell:ana",
      orgSlug: "acme",
      genesys: { kind: "user", userId: "u-1" },
      createdBy: "shell:admin",
    });
    expect((await identities.get("shell:ana", "acme"))?.genesys).toEqual({ kind: "user", userId: "u-1" });
    await identities.unmap("shell:ana", "acme");
    expect(await identities.get("shell:ana", "acme")).toBeNull();
    expect(reads).toEqual(["shell:ana@acme", "shell:ana@globex", "shell:ana@acme", "shell:ana@acme"]);
  });
});
