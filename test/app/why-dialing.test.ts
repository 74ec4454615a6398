/** `why <org> <campaign> dialing`: cause and fix from diagnostics, rules and schedules on the real simulator. */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { type Harness, SCENARIO, startHarness } from "../support/app-harness.js";
import { makeTempDir } from "../support/temp-dir.js";

interface Doc {
  orgs: {
    slug: string;
    roles: { name: string; permissions: string[] }[];
    campaigns: Record<string, unknown>[];
    campaignRules?: unknown[];
  }[];
}

/** The scenario with Spring Promo out of contacts, Winter Sale without idle agents and a rule on Summer Sale. */
function watchScenario(): string {
  const doc = YAML.parse(readFileSync(SCENARIO, "utf8")) as Doc;
  const acme = doc.orgs.find((o) => o.slug === "acme");
  if (!acme) throw new Error("scenario lost acme");
  acme.roles.find((r) => r.name === "Integration")?.permissions.push("outbound:campaignRule:view");
  for (const c of acme.campaigns) {
    if (c.name === "Spring Promo")
      Object.assign(c, { contactList: "Spring Leads", diagnostics: { callableContacts: 0 } });
    if (c.name === "Winter Sale") Object.assign(c, { queue: "Winter Queue", stats: { idleAgents: 0 } });
  }
  acme.campaignRules = [{ name: "Stop at 80%", campaigns: ["Summer Sale"], action: "turnOffCampaign" }];
  const dir = makeTempDir("why-dialing-");
  const file = `${dir.path}/watch.yml`;
  writeFileSync(file, YAML.stringify(doc));
  return file;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fixturePath: watchScenario() });
});
afterAll(async () => {
  await h?.close();
});

describe("why … dialing", () => {
  it("explains a campaign with no callable contacts by naming its list, and says what it could not read", async () => {
    const { reply, text } = await h.run('why acme "Spring Promo" dialing', "sam");
    expect(reply.ok).toBe(true);
    expect(text).toContain('why dialing "Spring Promo" in acme (on, division Sales)');
    expect(text).toMatch(
      /Not dialing because no callable contacts left in list "Spring Leads".*Fix: load or recycle contacts/,
    );
    // The scenario's client holds no outbound:schedule:view: the answer says so instead of failing.
    expect(text).toContain("campaign schedule: the org's OAuth client lacks outbound:schedule:view");
  });

  it("names the queue without idle agents", async () => {
    const { text } = await h.run('why acme "Winter Sale" dialing', "sam");
    expect(text).toContain('0 idle agents on queue "Winter Queue"');
  });

  it("names the campaign rule that turns a campaign off", async () => {
    const { text } = await h.run('why acme "Summer Sale" dialing', "sam");
    expect(text).toContain("Not dialing because it is off");
    expect(text).toContain('rule "Stop at 80%" turns it off when campaignProgress greaterThan 80');
  });

  it("refuses callers who may not view the campaign", async () => {
    const { reply } = await h.run('why acme "Spring Promo" dialing', "nobody");
    expect(reply.ok).toBe(false);
  });
});
