/**
 * Bulk selection on in-memory fakes: `--all` and `--match` plan only campaigns the caller may view
 * (others are counted, never named), campaigns the caller may view but not change are planned as
 * refused, and a bulk resume undoes only what the last bulk pause in the org paused.
 */
import { describe, expect, it } from "vitest";
import { selectCampaigns } from "../../../src/core/bulk/select-campaigns.js";
import { pausesToUndo } from "../../../src/core/bulk/undo-pause.js";
import { isAppError } from "../../../src/core/kernel/errors.js";
import type { NewBulkItem } from "../../../src/core/ports/bulk-store.js";
import { FakeBulkStore } from "../../fakes/bulk-store.js";
import { campaign, FakeOrgClient } from "../../fakes/genesys.js";
import { fakeWorld } from "../../fakes/world.js";

const FULL = [
  "outbound:campaign:view",
  "outbound:campaign:start",
  "outbound:campaign:stop",
  "outbound:campaign:edit",
];

/** Sam changes campaigns in sales, only views them in support, and cannot see ops at all. */
async function world(status: { [id: string]: string } = {}) {
  const at = (id: string) => status[id] ?? "on";
  const acme = new FakeOrgClient("acme", {
    campaigns: [
      campaign("c1", "Spring Promo", "sales", at("c1")),
      campaign("c2", "Spring Renewals", "ops", at("c2")),
      campaign("c3", "Summer", "sales", at("c3")),
      campaign("c4", "Spring Support", "support", at("c4")),
      campaign("c5", "Spring Old", "sales", status.c5 ?? "off"),
    ],
    roles: [
      { id: "r-full", name: "Supervisor", permissions: FULL },
      { id: "r-view", name: "Viewer", permissions: ["outbound:campaign:view"] },
    ],
    grants: {
      "u-sam": [
        { role: { id: "r-full", name: "Supervisor" }, division: { id: "sales", name: "sales" } },
        { role: { id: "r-view", name: "Viewer" }, division: { id: "support", name: "support" } },
      ],
    },
  });
  // The bulk store reads the world's clock, which exists once the world does.
  let clock = () => new Date(0);
  const bulk = new FakeBulkStore(() => clock());
  const w = fakeWorld([acme], { bulk });
  clock = w.clock.now;
  await w.identities.map({
    chatIdentity: "shell:sam",
    orgSlug: "acme",
    genesys: { kind: "user", userId: "u-sam" },
    createdBy: "shell:admin",
  });
  return { ...w, bulk, sam: w.requested("shell:sam") };
}

const ALL = { kind: "bulk" as const, orgs: ["acme"], text: "--all" };
const match = (glob: string) => ({
  kind: "bulk" as const,
  orgs: ["acme"],
  match: glob,
  text: `--match "${glob}"`,
});
const planned = (items: NewBulkItem[]) =>
  Object.fromEntries(items.map((i) => [i.campaignName, i.status === "pending" ? "pending" : i.result]));

describe("bulk selection", () => {
  it("--all plans every campaign the caller may view, by name, and only counts the others", async () => {
    const w = await world();
    const { plans, notes } = await selectCampaigns(w.services, w.sam, {
      selection: ALL,
      action: "pause",
      reason: "storm",
    });
    expect(plans.map((p) => p.org.slug)).toEqual(["acme"]);
    expect(planned(plans[0]?.items ?? [])).toEqual({
      "Spring Old": "already off",
      "Spring Promo": "pending",
      "Spring Support": "refused",
      Summer: "pending",
    });
    expect(notes.join("\n")).toMatch(/^acme: 1 more match.* lack outbound:campaign:view/);
    expect(notes.join("\n")).not.toContain("Renewals");
  });

  it("records a refusal for a campaign the caller may view but not change", async () => {
    const w = await world();
    await selectCampaigns(w.services, w.sam, { selection: ALL, action: "pause", reason: "storm" });
    expect(w.audit.rows).toEqual([
      expect.objectContaining({
        outcome: "denied",
        target: "c4",
        detail: expect.objectContaining({ bulk: true }),
      }),
    ]);
  });

  it("--match keeps only viewable campaigns whose names match", async () => {
    const w = await world();
    const { plans } = await selectCampaigns(w.services, w.sam, {
      selection: match("spring p*"),
      action: "pause",
      reason: undefined,
    });
    expect(planned(plans[0]?.items ?? [])).toEqual({ "Spring Promo": "pending" });
  });

  it("a match found only where the caller cannot view plans nothing and names nothing", async () => {
    const w = await world();
    const { plans, notes } = await selectCampaigns(w.services, w.sam, {
      selection: match("Spring Ren*"),
      action: "pause",
      reason: undefined,
    });
    expect(plans).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).not.toContain("Renewals");
  });

  it("a match found nowhere is an error that suggests only viewable names", async () => {
    const w = await world();
    const none = await selectCampaigns(w.services, w.sam, {
      selection: match("Sumer"),
      action: "pause",
      reason: undefined,
    }).catch((e: unknown) => e);
    expect(isAppError(none) && none.code).toBe("campaign_not_found");
    expect(isAppError(none) && none.hint).toContain('"Summer"');
  });
});

describe("bulk resume undoes the last bulk pause only", () => {
  /** Two storm pauses: the first paused c1 and c3, the later one c1 again (c5 was off before it). */
  async function afterTwoPauses() {
    const w = await world({ c1: "off", c3: "off", c5: "off" });
    const job = (items: Array<[string, string]>) =>
      w.bulk.create(
        {
          action: "pause",
          orgs: ["acme"],
          selector: "--all",
          fingerprint: "f",
          requester: "shell:sam",
          requesterName: "Sam",
          reason: "storm",
          platform: "shell",
          channel: "C1",
          confirmation: "not_needed",
          resumeAfterMs: null,
          expiresAt: new Date(w.clock.now().getTime() + 3_600_000),
        },
        items.map(([campaignId, result]) => ({
          orgSlug: "acme",
          campaignId,
          campaignName: campaignId,
          version: 1,
          division: { id: "sales", name: "sales" },
          plannedStatus: "on",
          genesysIdentity: "user:u-sam",
          status: result === "paused" ? "pending" : "skipped",
          result: result === "paused" ? null : result,
        })),
      );
    const first = await job([
      ["c1", "paused"],
      ["c3", "paused"],
    ]);
    for (const id of ["c1", "c3"]) w.bulk.settle(first.id, id, "done", "paused");
    w.clock.advance(60_000);
    const last = await job([
      ["c1", "paused"],
      ["c5", "already off"],
    ]);
    w.bulk.settle(last.id, "c1", "done", "paused");
    return { ...w, first, last };
  }

  it("resumes what the newest pause paused and leaves the rest off, saying why", async () => {
    const w = await afterTwoPauses();
    const undo = await pausesToUndo(w.services, ALL);
    expect(undo.byOrg.get("acme")?.job.id).toBe(w.last.id);
    const { plans } = await selectCampaigns(w.services, w.sam, {
      selection: undo.selection,
      action: "resume",
      reason: undefined,
      undo: undo.byOrg,
    });
    expect(planned(plans[0]?.items ?? [])).toEqual({
      "Spring Old": `not resumed (off before ${w.last.id})`,
      "Spring Promo": "pending",
      "Spring Support": "refused",
      Summer: `not resumed (not paused by ${w.last.id})`,
    });
  });

  it("resume --job undoes that older pause instead", async () => {
    const w = await afterTwoPauses();
    const undo = await pausesToUndo(w.services, { ...ALL, job: w.first.id });
    const { plans } = await selectCampaigns(w.services, w.sam, {
      selection: undo.selection,
      action: "resume",
      reason: undefined,
      undo: undo.byOrg,
    });
    expect(plans[0]?.items.filter((i) => i.status === "pending").map((i) => i.campaignId)).toEqual([
      "c1",
      "c3",
    ]);
  });

  it("with no bulk pause to undo, resume --all refuses rather than starting everything", async () => {
    const w = await world({ c1: "off", c3: "off" });
    const error = await pausesToUndo(w.services, ALL).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("usage");
  });
});
