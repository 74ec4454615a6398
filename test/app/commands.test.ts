import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/app-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("help", () => {
  it("lists every command with its usage", async () => {
    const { reply, text } = await h.run("help");
    expect(reply.ok).toBe(true);
    for (const usage of [
      "list <org> [filter…]",
      "status <org> <campaign…>",
      "pause <org> <campaign…|--all|--match GLOB> [--orgs ORG,ORG] [--reason TEXT] [--for DURATION] [--yes]",
      "org test [org] [--all]",
      "why <org> <campaign…>",
      "explain <contextId|error|last…>",
      "whoami",
    ]) {
      expect(text).toContain(usage);
    }
  });

  it("explains one command with examples, and treats an empty line as help", async () => {
    expect((await h.run("help pause")).text).toContain('pause acme "Spring Promo" --reason "DNC list stale"');
    expect((await h.run("")).text).toContain("Command");
  });
});

describe("command line errors", () => {
  it("suggests the command meant by a typo", async () => {
    const { reply, text } = await h.run("paus acme x");
    expect(reply.ok).toBe(false);
    expect(text).toContain('"paus" is not a Switchboard command.');
    expect(text).toContain("Did you mean: pause?");
  });

  it("names the missing argument and shows an example", async () => {
    const { text } = await h.run("status acme");
    expect(text).toContain("status needs <campaign>.");
    expect(text).toContain('status acme "Spring Promo"');
  });

  it("accepts and ignores a leading campaign or /campaign", async () => {
    expect((await h.run("campaign list acme")).reply.ok).toBe(true);
    expect((await h.run("/campaign list acme")).reply.ok).toBe(true);
  });

  it("suggests a linked org for an unknown one", async () => {
    const { reply, text } = await h.run("list acmee");
    expect(reply.ok).toBe(false);
    expect(text).toContain('No org called "acmee" is linked.');
    expect(text).toContain("Did you mean acme?");
  });

  it("refuses an unclosed quote without touching Genesys", async () => {
    h.sim.resetStats();
    const { reply, text } = await h.run('pause acme "Spring Promo');
    expect(reply.ok).toBe(false);
    expect(text).toContain("never closed");
    expect(h.sim.stats().apiRequests).toBe(0);
  });
});

describe("list", () => {
  it("shows only the campaigns the org's client can see, with status and progress", async () => {
    const { reply, text } = await h.run("list acme");
    expect(reply.ok).toBe(true);
    expect(text).toContain("acme: 4 campaigns");
    expect(text).toMatch(/Spring Promo \| on \| predictive \| Sales \| 42%/);
    expect(text).not.toContain("Secret Vault Campaign");
  });

  it("filters by a case-insensitive name fragment", async () => {
    const { text } = await h.run("list acme SPRING");
    expect(text).toContain('acme: 2 campaigns matching "SPRING"');
    expect(text).not.toContain("Summer Sale");
  });

  it("says so when nothing matches", async () => {
    expect((await h.run("list acme nothing-like-this")).text).toContain(
      'No campaigns in acme match "nothing-like-this".',
    );
  });
});

describe("list filters and paging", () => {
  // As riley, so these reads stay out of sam's audit view that a later test inspects.
  it("filters by status and division together, any case", async () => {
    const { reply, text } = await h.run("list acme --status on --division sales", "riley");
    expect(reply.ok).toBe(true);
    expect(text).toContain("acme: 1 campaign with status on, in division sales");
    expect(text).toContain("Spring Promo | on");
    expect(text).not.toContain("Retargeting");
    expect(text).not.toContain("Winter Sale");
  });

  it("names the divisions there are when a division filter matches none", async () => {
    const { text } = await h.run("list acme --division Marketing", "riley");
    expect(text).toContain("No campaigns you may view in acme are in division Marketing.");
    expect(text).toContain("Divisions with campaigns you may view: Home, Sales.");
  });

  it("refuses an unknown status with the ones there are", async () => {
    const { reply, text } = await h.run("list acme --status paused", "riley");
    expect(reply.ok).toBe(false);
    expect(text).toContain("--status must be one of on, off, stopping");
  });

  it("pages through a long list, each page pointing at the next", async () => {
    const settings = h.app.services.settings as { listLimit: number };
    const before = settings.listLimit;
    settings.listLimit = 3;
    try {
      const first = await h.run("list acme", "riley");
      expect(first.text).toContain("Showing 1–3 of 4 (page 1 of 2).");
      expect(first.text).toContain("1 more. Next page: list acme --page 2");
      expect(first.text).not.toContain("Winter Sale");
      const second = await h.run("list acme --page 2", "riley");
      expect(second.text).toContain("Showing 4–4 of 4 (page 2 of 2).");
      expect(second.text).toContain("Winter Sale");
      expect(second.text).not.toContain("Next page");
      const beyond = await h.run("list acme --page 3", "riley");
      expect(beyond.reply.ok).toBe(false);
      expect(beyond.text).toContain("There is no page 3: the list has 2 pages.");
    } finally {
      settings.listLimit = before;
    }
  });
});

describe("campaign resolution", () => {
  it("prefers an exact name over a longer one that starts with it", async () => {
    const { text } = await h.run('status acme "spring promo"');
    expect(text).toContain("Spring Promo — acme");
    expect(text).not.toContain("Retargeting —");
  });

  it("resolves a unique prefix and a unique substring", async () => {
    expect((await h.run("status acme summ")).text).toContain("Summer Sale — acme");
    expect((await h.run("status acme retarget")).text).toContain("Spring Promo Retargeting — acme");
  });

  it("lists the candidates when a name is ambiguous", async () => {
    const { reply, text } = await h.run("status acme sale");
    expect(reply.ok).toBe(false);
    expect(text).toContain('"sale" matches 2 campaigns in acme.');
    expect(text).toContain("Summer Sale");
    expect(text).toContain("Winter Sale");
  });

  it("suggests the command the user typed for an ambiguous name", async () => {
    expect((await h.run("status acme sale")).text).toMatch(/e\.g\. status acme "(Summer|Winter) Sale"/);
    const paused = await h.run("pause acme sale", "sam");
    expect(paused.reply.ok).toBe(false);
    expect(paused.text).toMatch(/e\.g\. pause acme "(Summer|Winter) Sale"/);
    expect(paused.text).not.toContain("e.g. status");
  });

  it("suggests the nearest name when nothing matches", async () => {
    const { text } = await h.run('status acme "Sprng Promo"');
    expect(text).toContain('No campaign in acme matches "Sprng Promo".');
    expect(text).toContain('Did you mean "Spring Promo"');
  });

  it("resolves a campaign id directly and explains an invisible one", async () => {
    const spring = h.sim.campaign("acme", "Spring Promo");
    expect((await h.run(`status acme ${spring.id}`)).text).toContain("Spring Promo — acme");
    const vault = h.sim.campaign("acme", "Secret Vault Campaign");
    const { text } = await h.run(`status acme ${vault.id}`);
    expect(text).toContain(`Genesys has no campaign ${vault.id} visible to acme's OAuth client.`);
  });
});

describe("pause and resume", () => {
  it("pauses, reporting stopping and then off, and status shows the change from the audit log", async () => {
    const { reply, text, progress } = await h.run('pause acme "Spring Promo" --reason "DNC list stale"');
    expect(reply.ok).toBe(true);
    expect(progress.map((p) => JSON.stringify(p))).toEqual([expect.stringContaining("stopping")]);
    expect(text).toMatch(/Paused Spring Promo in acme: on → stopping → off/);
    expect(h.sim.campaign("acme", "Spring Promo").status).toBe("off");
    const status = await h.run('status acme "Spring Promo"');
    expect(status.text).toMatch(/Status: off/);
    expect(status.text).toContain('paused by shell:sam just now — "DNC list stale"');
  });

  it("says there is nothing to do when the campaign is already off", async () => {
    const { reply, text } = await h.run('pause acme "Spring Promo"');
    expect(reply.ok).toBe(true);
    expect(text).toContain("Spring Promo is already off; nothing to do.");
  });

  it("resumes after another user approves, recording request, vote, intent and outcome", async () => {
    const request = await h.run('resume acme "Spring Promo"');
    expect(request.reply.ok).toBe(true);
    expect(request.text).toContain("sam asks to resume Spring Promo in acme.");
    expect(h.sim.campaign("acme", "Spring Promo").status).toBe("off");
    const id = /Request: ([0-9A-Z]{6})/.exec(request.text)?.[1] ?? "";
    const { reply, text } = await h.run(`approve ${id}`, "riley");
    expect(reply.ok).toBe(true);
    expect(text).toContain("Resumed Spring Promo in acme: off → on");
    const rows = await h.app.services.audit.list({
      orgSlug: "acme",
      target: h.sim.campaign("acme", "Spring Promo").id,
      limit: 10,
    });
    expect(rows[0]?.actor).toBe("shell:sam");
    expect(rows.map((r) => `${r.action}:${r.outcome}`).slice(0, 6)).toEqual([
      "resume:success",
      "resume:intent",
      "approve:success",
      "resume:pending",
      "pause:success",
      "pause:intent",
    ]);
    expect(rows[0]?.intentId).toBe(rows[1]?.id);
  });

  it("falls back to a versioned update when the client may edit but not stop", async () => {
    const { reply, text } = await h.run("pause globex Renewals");
    expect(reply.ok).toBe(true);
    expect(text).toContain("via a versioned update");
    expect(h.sim.campaign("globex", "Renewals").status).toBe("off");
  });

  it("treats unquoted words as one name when they form one", async () => {
    const { text } = await h.run("pause acme Winter Sale");
    expect(text).toContain("Paused Winter Sale in acme");
  });

  it("refuses to resume while a campaign is still stopping", async () => {
    h.sim.mutateCampaign("acme", "Winter Sale", { status: "stopping" });
    const { reply, text } = await h.run('resume acme "Winter Sale"');
    expect(reply.ok).toBe(false);
    expect(text).toContain("Winter Sale is still stopping");
  });
});

describe("org and identity", () => {
  it("lists linked orgs", async () => {
    const { text } = await h.run("org list");
    expect(text).toContain("2 linked orgs");
    expect(text).toMatch(/acme \| Acme Corp \| us_east_1/);
    expect(text).not.toContain("acme-secret");
  });

  it("tests an org's credentials and binding", async () => {
    const { reply, text } = await h.run("org test acme");
    expect(reply.ok).toBe(true);
    expect(text).toContain("token belongs to Acme Corp");
    expect(text).toMatch(/Campaigns \| 4 visible/);
    expect((await h.app.services.orgs.get("acme"))?.health).toBe("ok");
  });

  it("shows the caller's mapping per org", async () => {
    const sam = await h.run("whoami", "sam");
    expect(sam.text).toContain("You are sam (shell:sam)");
    expect(sam.text).toMatch(/acme \| Genesys user sam@acme\.test/);
    expect(sam.text).toMatch(/globex \| Genesys user sam@globex\.test/);
    const riley = await h.run("whoami", "riley");
    expect(riley.text).toMatch(/acme \| Genesys role "Supervisor"/);
    expect(riley.text).toMatch(/globex \| not mapped/);
    expect((await h.run("whoami", "admin")).text).toMatch(/Admin: yes/);
  });
});

describe("audit trail of every command", () => {
  it("records reads, refusals and parse errors, each with who, where and outcome", async () => {
    await h.run("list acme spring", "sam");
    await h.run("list acme", "nobody");
    await h.run("paus acme", "sam");
    const rows = await h.app.services.audit.list({ limit: 3 });
    expect(rows.map((r) => [r.actor, r.action, r.outcome, r.orgSlug])).toEqual([
      ["shell:sam", "(unparsed)", "failure", null],
      ["shell:nobody", "list", "denied", "acme"],
      ["shell:sam", "list", "info", "acme"],
    ]);
    expect(rows[2]).toMatchObject({ platform: "shell", channel: "shell", targetName: "spring" });
    // Refused by the dispatcher's access step, which records why.
    expect(rows[1]?.detail).toMatchObject({ reason: "unmapped", stage: "access" });
  });

  it("hides reads from the chat audit view unless --all is given", async () => {
    expect((await h.run("audit acme", "sam")).text).not.toMatch(/shell:sam \| list \|/);
    expect((await h.run("audit acme --all", "sam")).text).toMatch(/shell:sam \| list \|/);
  });
});
