/** `switchboard keys rotate`: secrets sealed under an old master key are re-sealed under the current one. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCipher, keyIdFor, openStore } from "../../src/store/index.js";
import { useTempDir } from "../support/temp-dir.js";

const cipherOf = (...keys: Buffer[]) => createCipher(keys.map((key) => ({ id: keyIdFor(key), key })));

describe("re-sealing under a new master key", () => {
  const tmp = useTempDir();

  it("re-seals org secrets and Slack installations so the old key can be dropped", async () => {
    const url = tmp.sqliteUrl("rotate.db");
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = await openStore({ url, cipher: cipherOf(oldKey) });
    await before.orgs.upsert({
      slug: "acme",
      genesysOrgId: "o-1",
      name: "Acme",
      region: "us_east_1",
      clientId: "c-1",
      clientSecret: "s3cret",
    });
    await before.slackInstallations.save("T:T1", '{"bot":{"token":"xoxb-1"}}', {
      teamId: "T1",
      enterpriseId: null,
    });
    await before.close();

    const during = await openStore({ url, cipher: cipherOf(newKey, oldKey) });
    expect(await during.orgs.countStale()).toBe(1);
    expect(await during.slackInstallations.countStale()).toBe(1);
    expect(await during.orgs.resealSecrets()).toBe(1);
    expect(await during.slackInstallations.resealAll()).toBe(1);
    expect(await during.orgs.countStale()).toBe(0);
    expect(await during.slackInstallations.countStale()).toBe(0);
    await during.close();

    const after = await openStore({ url, cipher: cipherOf(newKey) });
    try {
      expect((await after.orgs.credentials("acme"))?.clientSecret).toBe("s3cret");
      expect(await after.slackInstallations.find("T:T1")).toContain("xoxb-1");
    } finally {
      await after.close();
    }
  });
});
