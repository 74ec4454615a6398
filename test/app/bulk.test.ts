/**
 * Bulk pause end to end (real simulator, real SQLite): the matched list first, nothing changed in
 * Genesys before a confirmation, then a per-campaign result table; refusals and failures are one
 * campaign's result, never the job's end.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Clock } from "../../src/core/kernel/clock.js";
import type { Reply } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/bulk.yml");

/** Real time, shifted on demand: lets a test step past an expiry without waiting for it. */
let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

let h: Harness;
beforeEach(async () => {
  offsetMs = 0;
  h = await startHarness({ fixturePath: FIXTURE, clock });
});
afterEach(async () => {
  await h?.close();
});

const status = (org: string, name: string) => h.sim.campaign(org, name).status;

/** The command a button sends back when clicked. */
function button(reply: Reply, id: string): string {
  for (const block of reply.blocks)
    if (block.type === "actions") for (const a of block.actions) if (a.id === id) return a.value;
  throw new Error(`no ${id} button`);
}

async function changes(org: string, name: string, action: string) {
  const rows = await h.app.services.audit.list({
    orgSlug: org,
    target: h.sim.campaign(org, name).id,
    limit: 100,
  });
  return rows.filter((r) => r.action === action && (r.outcome === "success" || r.outcome === "intent"));
}

describe("a bulk selector shows the list before anything changes", () => {
  it("lists what --all matches, with what will happen to each, and changes nothing until confirmed", async () => {
    const { reply, text } = await h.run('pause south --all --reason "list audit"', "ann");
    expect(reply.ok, text).toBe(true);
    expect(text).toContain("Pause 3 campaigns in south?");
    expect(text).toContain("Pause 3 campaigns in south.");
    expect(text).toMatch(/south \| Renewals \| on \| Home/);
    expect(text).toContain("[Confirm] [Cancel]");
    expect(button(reply, "confirm")).toMatch(/^confirm [0-9A-Z]{6}$/);
    expect(["Spring South", "Spring Outlet", "Renewals"].map((c) => status("south", c))).toEqual([
      "on",
      "on",
      "on",
    ]);
    expect(await changes("south", "Renewals", "pause")).toEqual([]);
  });

  it("runs the plan when the requester's Confirm comes back as a command, exactly once", async () => {
    const plan = await h.run("pause south --all", "ann");
    const confirm = button(plan.reply, "confirm");
    // A double click: two deliveries of the same button.
    const [a, b] = await Promise.all([h.run(confirm, "ann"), h.run(confirm, "ann")]);
    const ran = [a, b].filter((r) => r.text.includes("| paused |"));
    expect(ran).toHaveLength(1);
    expect([a, b].find((r) => r !== ran[0])?.text).toMatch(/was already confirmed by shell:ann/);
    expect(ran[0]?.text).toMatch(/south \| Renewals \| paused \| on → stopping → off in/);
    expect(ran[0]?.text).toContain("3 campaigns: 3 paused");
    for (const c of ["Spring South", "Spring Outlet", "Renewals"]) {
      expect(status("south", c)).toBe("off");
      expect((await changes("south", c, "pause")).map((r) => r.outcome).sort()).toEqual([
        "intent",
        "success",
      ]);
    }
  });

  it("matches --match case-insensitively, * for any text and ? for one character", async () => {
    const one = await h.run('pause north --match "spring s?le" --yes', "ann");
    expect(one.text).toContain("1 campaign: 1 paused");
    expect(status("north", "Spring Sale")).toBe("off");
    expect(status("north", "Spring Promo")).toBe("on");
    const plan = await h.run('pause north --match "SPRING*"', "ann");
    expect(plan.text).toContain("Pause 3 campaigns in north (1 already off, not shown).");
  });

  it("lets only the requester confirm, and the requester or an admin cancel", async () => {
    const plan = await h.run("pause south --all", "ann");
    const confirm = button(plan.reply, "confirm");
    const cancel = button(plan.reply, "cancel");
    const stranger = await h.run(confirm, "ben");
    expect(stranger.reply.ok).toBe(false);
    expect(stranger.text).toContain("Only ann can confirm job");
    expect((await h.run(cancel, "ben")).text).toContain("Only ann (or an admin) can cancel");
    const cancelled = await h.run(cancel, "root");
    expect(cancelled.text).toMatch(/root cancelled job [0-9A-Z]{6} .*nothing was paused/);
    expect((await h.run(confirm, "ann")).text).toMatch(/was already cancelled by shell:root/);
    expect(status("south", "Renewals")).toBe("on");
  });

  it("refuses a confirmation once the plan expired", async () => {
    const plan = await h.run("pause south --all", "ann");
    offsetMs = 16 * 60_000;
    const late = await h.run(button(plan.reply, "confirm"), "ann");
    expect(late.reply.ok).toBe(false);
    expect(late.text).toMatch(/expired at .* without confirmation; nothing was changed/);
    expect(status("south", "Renewals")).toBe("on");
  });
});

describe("a bulk run", () => {
  it("answers --yes with a per-campaign result table and totals, one progress message updating", async () => {
    const { reply, text, progress } = await h.run('pause north --match "Spring*" --yes', "ann");
    expect(text).toMatch(/north \| Spring Promo \| paused \| on → stopping → off/);
    expect(text).toMatch(/4 campaigns: 3 paused, 1 failed in/);
    expect(reply.blocks.some((b) => b.type === "table")).toBe(true);
    // Progress: one kind of message (the same one, updated), done / failed / remaining, never per campaign detail.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(4);
    for (const p of progress)
      expect(p.blocks[0]).toMatchObject({
        type: "text",
        text: expect.stringMatching(/: \d+ done, \d+ failed, \d+ remaining\.$/),
      });
  });

  it("keeps going when Genesys refuses one campaign (403), reporting why", async () => {
    const { reply, text } = await h.run('pause north --match "Spring*" --yes', "ann");
    expect(reply.ok).toBe(false); // exec exits 1: something failed
    expect(text).toMatch(
      /north \| Spring Clearance \| failed \| Genesys 403 missing\.permissions \(needs outbound:campaign:stop or outbound:campaign:edit\)/,
    );
    expect(text).toContain("bulk continue");
    expect(status("north", "Spring Clearance")).toBe("on");
    for (const c of ["Spring Promo", "Spring Retarget", "Spring Sale"])
      expect(status("north", c)).toBe("off");
  });

  it("reports campaigns the caller may not pause as refused (audited) and pauses the rest", async () => {
    // hal may pause in Home only, views Sales, and cannot see Locked at all.
    const { text } = await h.run('pause north --match "Spring*" --yes', "hal");
    expect(text).toMatch(/north \| Spring Promo \| refused \| You .*may not pause campaigns/);
    expect(text).toMatch(/north \| Spring Sale \| paused/);
    expect(text).toContain("3 campaigns: 1 paused, 2 skipped (2 refused)");
    expect(text).not.toContain("Spring Clearance");
    expect(status("north", "Spring Promo")).toBe("on");
    expect(status("north", "Spring Sale")).toBe("off");
    const denied = (
      await h.app.services.audit.list({
        orgSlug: "north",
        target: h.sim.campaign("north", "Spring Promo").id,
      })
    ).filter((r) => r.outcome === "denied");
    expect(denied).toHaveLength(1);
  });

  it("names the campaigns it may not show when the caller cannot view their division", async () => {
    const { text } = await h.run('pause north --match "Spring*"', "hal");
    expect(text).toContain(
      "north: 1 more matches in divisions where you lack outbound:campaign:view (not listed).",
    );
  });

  it("works across orgs with --orgs, counting per org", async () => {
    const plan = await h.run('pause --orgs north,south --match "spring*"', "ann");
    expect(plan.text).toContain("Pause 4 campaigns in north.");
    expect(plan.text).toContain("Pause 2 campaigns in south.");
    const { text } = await h.run(button(plan.reply, "confirm"), "ann");
    expect(text).toContain("6 campaigns: 5 paused, 1 failed");
    expect(status("south", "Spring Outlet")).toBe("off");
    expect(status("south", "Renewals")).toBe("on");
    expect(status("north", "Spring Promo")).toBe("off");
  });

  it("plans afresh when run again after it finished: what it paused is already off", async () => {
    await h.run("pause south --all --yes", "ann");
    const again = await h.run("pause south --all --yes", "ann");
    expect(again.text).toContain("Nothing to pause in south.");
    expect(again.text).toMatch(/south \| Renewals \| off \| already off/);
    expect((await changes("south", "Renewals", "pause")).filter((r) => r.outcome === "success")).toHaveLength(
      1,
    );
  });
});

describe("a bulk command that cannot be run says what to type instead", () => {
  const cases: [string, RegExp][] = [
    ['pause north "Spring Promo" --all', /--all selects the campaigns itself; drop "Spring Promo"/],
    ["pause north --orgs north,south --all", /With --orgs, name no org or campaign/],
    ["pause --orgs north,south", /--orgs needs --all or --match GLOB/],
    ['pause north --all --match "S*"', /Use either --all or --match, not both/],
    ['pause north --match "Sprng*"', /No campaigns in north match "Sprng\*"\.\nDid you mean "Spring/],
    ["pause", /pause needs <org>\./],
    ["pause north", /pause needs <campaign> \(or --all \/ --match GLOB\)/],
    ["resume north --all --for 5m", /Unknown option --for/],
    ["pause --orgs north,nowhere --all", /No org called "nowhere" is linked/],
  ];
  for (const [command, expected] of cases) {
    it(`refuses: ${command}`, async () => {
      const { reply, text } = await h.run(command, "ann");
      expect(reply.ok).toBe(false);
      expect(text).toMatch(expected);
      expect(reply.blocks.some((b) => b.type === "hint")).toBe(true);
    });
  }
});
