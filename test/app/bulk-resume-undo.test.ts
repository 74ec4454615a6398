/**
 * A bulk resume undoes a bulk pause (real simulator, real SQLite): after a storm pause, `resume
 * south --all` restarts only what that pause stopped; what was off before it, and complete
 * campaigns, stay as they were and are listed as not resumed.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ fixturePath: FIXTURE });
  // Before the storm: one campaign off by hand, one finished its list.
  h.sim.mutateCampaign("south", "Spring Outlet", { status: "off" });
  h.sim.mutateCampaign("south", "Renewals", { status: "complete" });
});
afterEach(async () => {
  await h?.close();
});

const status = (name: string) => h.sim.campaign("south", name).status;

function approveButton(reply: Reply): string {
  for (const block of reply.blocks)
    if (block.type === "actions") for (const a of block.actions) if (a.id === "approve") return a.value;
  throw new Error("no Approve button");
}

async function stormPause(): Promise<string> {
  const { text } = await h.run("pause south --all --reason storm --yes", "ann");
  expect(text).toContain("3 campaigns: 1 paused");
  const id = /Bulk pause ([0-9A-Z]{6})/.exec(text)?.[1];
  if (!id) throw new Error(`no job id in: ${text}`);
  return id;
}

describe("resume --all after a storm pause", () => {
  it("resumes only what the pause stopped and lists the rest as not resumed", async () => {
    const pauseId = await stormPause();
    const plan = await h.run("resume south --all --reason recovered", "ann");
    expect(plan.text).toMatch(
      new RegExp(
        `south: undoing bulk pause ${pauseId} \\(--all\\) by ann at .*reason "storm": it paused 1 campaign here`,
      ),
    );
    expect(plan.text).toContain("Resume 1 campaign in south (");
    expect(plan.text).toContain(`not resumed (off before ${pauseId})`);
    expect(plan.text).toContain("not resumed (complete)");
    // The rows left as they are, with why, one command away.
    const unchanged = /bulk plan ([0-9A-Z]{6}) --unchanged/.exec(plan.text)?.[1];
    const rest = await h.run(`bulk plan ${unchanged} --unchanged`, "ann");
    expect(rest.text).toMatch(
      new RegExp(
        `south \\| Spring Outlet \\| off \\| not resumed \\(off before ${pauseId}\\) \\| It was already off when pause ${pauseId} ran`,
      ),
    );
    expect(rest.text).toMatch(
      /south \| Renewals \| complete \| not resumed \(complete\) \| Starting a complete campaign/,
    );
    const { text } = await h.run(approveButton(plan.reply), "ben");
    expect(text).toMatch(/south \| Spring South \| resumed \| off → on/);
    expect(status("Spring South")).toBe("on");
    expect(status("Spring Outlet")).toBe("off");
    expect(status("Renewals")).toBe("complete");
  });

  it("names a pause with --job, and says so when there is no bulk pause to undo", async () => {
    const none = await h.run("resume south --all", "ann");
    expect(none.reply.ok).toBe(false);
    expect(none.text).toContain("There is no bulk pause to undo in south");
    expect(none.text).toContain('resume south "Campaign name"');
    const pauseId = await stormPause();
    const plan = await h.run(`resume --job ${pauseId} --yes`, "ann");
    expect(plan.text).toContain(`undoing bulk pause ${pauseId}`);
    expect(plan.text).toContain("ann asks to resume Spring South in south.");
    const wrong = await h.run(`pause --job ${pauseId}`, "ann");
    expect(wrong.reply.ok).toBe(false);
  });

  it("starts a complete campaign only when it is named on its own, with a warning", async () => {
    const both = await h.run('resume south Renewals "Spring Outlet"', "ann");
    expect(both.reply.ok).toBe(false);
    expect(both.text).toContain("Renewals is complete");
    expect(both.text).toContain('resume south "Renewals"');
    const one = await h.run("resume south Renewals", "ann");
    expect(one.text).toMatch(
      /Renewals is complete: resuming it makes Genesys .* dial its contact list again/,
    );
  });
});
