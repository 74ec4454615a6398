/**
 * `pause … --for`: the resume is recorded, the channel told when it will run, and the scheduler runs
 * it once when due through the normal resume path (an approval request where policy wants one).
 * A clock shifted on demand stands in for waiting.
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Clock } from "../../src/core/kernel/clock.js";
import { type Reply, replyToPlainText } from "../../src/core/kernel/reply.js";
import { type Harness, startHarness } from "../support/app-harness.js";
import { makeTempDir } from "../support/temp-dir.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/bulk/schedule.yml");

let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

interface Notice {
  platform: string;
  channel: string;
  text: string;
  reply: Reply;
}

let h: Harness;
let notices: Notice[];
beforeEach(async () => {
  offsetMs = 0;
  h = await startHarness({ fixturePath: FIXTURE, clock });
  notices = [];
  h.app.notifiers.register("shell", {
    notify: async (platform, channel, reply) =>
      void notices.push({ platform, channel, reply, text: replyToPlainText(reply) }),
  });
});
afterEach(async () => {
  await h?.close();
});

function scheduleIdOf(text: string): string {
  const id = /schedule id ([0-9A-Z]{6})\./.exec(text)?.[1];
  if (!id) throw new Error(`no schedule id in: ${text}`);
  return id;
}

const status = (org: string, name: string) => h.sim.campaign(org, name).status;

describe("pause --for", () => {
  it("records the resume and tells the channel when it will run and how to cancel it", async () => {
    const { reply, text } = await h.run("pause south Renewals --for 1m", "ann");
    expect(reply.visibility).toBe("channel");
    expect(text).toMatch(/Renewals in south will resume at \d\d:\d\d UTC, schedule id [0-9A-Z]{6}\./);
    const id = scheduleIdOf(text);
    expect(text).toContain(`schedule cancel ${id}`);
    expect(status("south", "Renewals")).toBe("off");
    expect((await h.run("schedule list", "ben")).text).toMatch(
      new RegExp(`${id} \\| south \\| Renewals \\| \\d\\d:\\d\\d UTC \\| ann`),
    );
  });

  it("in one-shot exec, says what will run the resume instead of promising this process does", async () => {
    h.app.services.settings.oneShot = true;
    try {
      const { text } = await h.run('pause north "Spring Promo" --for 1m', "ann");
      expect(text).toContain(
        "a running `switchboard serve` (or an open `switchboard shell`) on this database runs it when due",
      );
      expect(text).not.toContain("filed here");
    } finally {
      h.app.services.settings.oneShot = false;
    }
    await h.run('resume north "Spring Promo" --yes', "ann");
  });

  it("is resumed once by the scheduler when due, and the channel is told", async () => {
    const id = scheduleIdOf((await h.run("pause south Renewals --for 1m", "ann")).text);
    expect(await h.app.scheduler.runDue()).toEqual([]);
    offsetMs = 61_000;
    const ran = await Promise.all([h.app.scheduler.runDue(), h.app.scheduler.runDue()]);
    expect(ran.flat().map((a) => a.id)).toEqual([id]);
    expect(status("south", "Renewals")).toBe("on");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ platform: "shell", channel: "shell" });
    expect(notices[0]?.text).toContain(`Scheduled resume ${id} of Renewals in south (set by ann`);
    expect(notices[0]?.text).toMatch(/south \| Renewals \| resumed \| off → on/);
    expect(await h.app.scheduler.runDue()).toEqual([]);
    expect((await h.app.services.schedules.get(id))?.status).toBe("done");
    const resumes = (
      await h.app.services.audit.list({ orgSlug: "south", target: h.sim.campaign("south", "Renewals").id })
    ).filter((r) => r.action === "resume" && r.outcome === "success");
    expect(resumes).toHaveLength(1);
    expect(resumes[0]?.actor).toBe("shell:ann");
    expect((await h.run("schedule list", "ann")).text).toContain("No scheduled resumes.");
  });

  it("files an approval request instead of resuming where policy wants one", async () => {
    const { text } = await h.run('pause north "Spring Promo" --for 1m', "ann");
    expect(text).toContain("Resuming needs approval, so at that time an approval request is filed here.");
    offsetMs = 61_000;
    await h.app.scheduler.runDue();
    expect(status("north", "Spring Promo")).toBe("off");
    expect(notices[0]?.text).toContain("is due: approve to resume.");
    expect(notices[0]?.text).toContain("[Approve] [Deny]");
    const approve = /approve ([0-9A-Z]{6})/.exec(notices[0]?.text ?? "")?.[0] ?? "";
    expect((await h.run(approve, "ben")).text).toMatch(/north \| Spring Promo \| resumed/);
    expect(status("north", "Spring Promo")).toBe("on");
  });

  it("schedules one resume per org for what a bulk pause paused", async () => {
    const { text } = await h.run('pause --orgs north,south --match "Spring*" --yes --for 30m', "ann");
    expect(text).toMatch(/Spring Promo, Spring Sale in north will resume at/);
    expect(text).toMatch(/Spring South in south will resume at/);
    expect((await h.run("schedule list", "ann")).text).toContain("2 scheduled resumes");
    offsetMs = 31 * 60_000;
    expect(await h.app.scheduler.runDue()).toHaveLength(2);
    expect(status("south", "Spring South")).toBe("on"); // south: no approval needed
    expect(status("north", "Spring Promo")).toBe("off"); // north: a request was filed
    expect(notices.map((n) => n.text).join("\n")).toContain("Approval needed: resume in north");
  });

  it("does not schedule a resume for what was already off", async () => {
    h.sim.mutateCampaign("south", "Winback", { status: "off" });
    const { text } = await h.run("pause south Winback --for 10m", "ann");
    expect(text).toContain("Nothing was paused, so no resume was scheduled.");
  });
});

describe("schedule cancel", () => {
  it("is for the requester, someone who may resume those campaigns, or an admin; refusals are audited", async () => {
    const id = scheduleIdOf((await h.run('pause north "Spring Promo" --for 5m', "ann")).text);
    const viewer = await h.run(`schedule cancel ${id}`, "vic");
    expect(viewer.reply.ok).toBe(false);
    expect(viewer.text).toContain(
      "Only ann, an admin, or someone who may resume Spring Promo (Sales) can cancel this.",
    );
    const cancelled = await h.run(`schedule cancel ${id}`, "ben");
    expect(cancelled.text).toMatch(
      new RegExp(
        `ben cancelled scheduled resume ${id} of Spring Promo in north \\(was due .*\\)\\. They stay paused\\.`,
      ),
    );
    expect((await h.run(`schedule cancel ${id}`, "ann")).text).toContain(
      `Scheduled resume ${id} is cancelled`,
    );
    const rows = (await h.app.services.audit.list({ orgSlug: "north", limit: 50 })).filter(
      (r) => r.action === "schedule cancel",
    );
    expect(rows.map((r) => `${r.actor} ${r.outcome}`).sort()).toEqual([
      "shell:ben success",
      "shell:vic denied",
    ]);
    offsetMs = 6 * 60_000;
    expect(await h.app.scheduler.runDue()).toEqual([]);
    expect(status("north", "Spring Promo")).toBe("off");
  });

  it("lets the requester and an admin cancel", async () => {
    const mine = scheduleIdOf((await h.run("pause south Renewals --for 5m", "ann")).text);
    expect((await h.run(`schedule cancel ${mine}`, "ann")).reply.ok).toBe(true);
    const other = scheduleIdOf((await h.run("pause south Winback --for 5m", "ann")).text);
    expect((await h.run(`schedule cancel ${other}`, "root")).reply.ok).toBe(true);
    expect((await h.run("schedule cancel NOPE42", "ann")).text).toContain(
      "There is no scheduled resume NOPE42.",
    );
  });
});

describe("scheduled resumes survive a restart", () => {
  it("are run by a new app instance on the same database", async () => {
    const dir = makeTempDir("switchboard-schedule-");
    const url = dir.sqliteUrl("shared.db");
    const first = await startHarness({ fixturePath: FIXTURE, clock, databaseUrl: url });
    try {
      const id = scheduleIdOf((await first.run("pause south Renewals --for 1m", "ann")).text);
      await first.app.close(); // the process stops; its simulator (Genesys) carries on
      const second = await startHarness({ fixturePath: FIXTURE, clock, databaseUrl: url, replicaOf: first });
      try {
        offsetMs = 61_000;
        expect((await second.app.scheduler.runDue()).map((a) => a.id)).toEqual([id]);
        expect(first.sim.campaign("south", "Renewals").status).toBe("on");
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
      dir.remove();
    }
  });
});
