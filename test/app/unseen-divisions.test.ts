/**
 * What `--all` cannot reach is named (real simulator, real SQLite): acme's OAuth client is not
 * granted in the Vault division, so Genesys leaves its campaigns out of every list. Bulk plans,
 * bulk results and `list` say so per org, with the grant that fixes it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h?.close();
});

function button(reply: Reply, id: string): string {
  for (const block of reply.blocks)
    if (block.type === "actions") for (const a of block.actions) if (a.id === id) return a.value;
  throw new Error(`no ${id} button`);
}

const VAULT =
  /acme: OAuth client .*cannot see division Vault; campaigns there, if any, (will not be paused|were not touched|are not listed)\. Fix: grant role "Integration" to OAuth client .* in Vault\./;

describe("divisions the OAuth client cannot see", () => {
  it("are named in the bulk plan and its result, and their campaigns keep dialing", async () => {
    const plan = await h.run("pause --orgs acme,globex --all --reason storm", "sam");
    expect(plan.text).toMatch(VAULT);
    expect(plan.text).toContain("will not be paused");
    expect(plan.text).not.toMatch(/globex: OAuth client .* cannot see/);
    const result = await h.run(button(plan.reply, "confirm"), "sam");
    expect(result.text).toContain("| paused |");
    expect(result.text).toMatch(VAULT);
    expect(result.text).toContain("were not touched");
    expect(h.sim.campaign("acme", "Secret Vault Campaign").status).toBe("on");
  });

  it("are named under a single list", async () => {
    const { text } = await h.run("list acme", "sam");
    expect(text).toMatch(VAULT);
    expect(text).toContain("are not listed");
    expect((await h.run("list globex", "sam")).text).not.toContain("cannot see");
  });
});
