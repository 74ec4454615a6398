/**
 * The alert engine on a real SQLite store, posting through a recording poster (a stand-in chat
 * surface implementing the AlertPoster port): one message per incident, edits in place, no alert for
 * Switchboard's own changes, mutes, replays and a second replica.
 */
import { describe, expect, it } from "vitest";
import { AlertEngine, type CampaignSnapshot } from "../../src/core/alerts/alert-engine.js";
import {
  type AlertPoster,
  AlertPosterRegistry,
  type AlertTarget,
} from "../../src/core/alerts/alert-poster.js";
import { type Reply, replyToPlainText } from "../../src/core/kernel/reply.js";
import type { Store } from "../../src/store/index.js";
import { useStore } from "../store/contracts/harness.js";
import { useTempDir } from "../support/temp-dir.js";

interface Sent {
  kind: "post" | "update" | "thread";
  channel: string;
  ref: string;
  text: string;
  reply: Reply;
}

/** `hold`: the first post waits for it (a slow chat API while events keep coming). */
function recordingPoster(sent: Sent[], hold?: Promise<void>): AlertPoster {
  let n = 0;
  return {
    async post(t: AlertTarget, reply: Reply) {
      await hold;
      const ref = `${t.channel}:${++n}`;
      sent.push({ kind: "post", channel: t.channel, ref, text: replyToPlainText(reply), reply });
      return ref;
    },
    async update(t, ref, reply) {
      sent.push({ kind: "update", channel: t.channel, ref, text: replyToPlainText(reply), reply });
    },
    async thread(t, ref, reply) {
      sent.push({ kind: "thread", channel: t.channel, ref, text: replyToPlainText(reply), reply });
    },
  };
}

// The store and the audit log stamp rows with the real time; the engine's clock runs ahead of it.
const offset = 0;
const clock = { now: () => new Date(Date.now() + offset), sleep: async () => {} };
const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;

function engineOn(store: Store, sent: Sent[], hold?: Promise<void>): AlertEngine {
  const posters = new AlertPosterRegistry();
  posters.register("slack", recordingPoster(sent, hold));
  return new AlertEngine({
    alerts: store.alerts,
    watches: store.watches,
    audit: store.audit,
    posters,
    clock,
    logger: silent,
  });
}

let seq = 0;
async function watched(store: Store, channel = "C1"): Promise<string> {
  const org = `org${++seq}`;
  await store.watches.add({
    orgSlug: org,
    campaignId: "camp-1",
    campaignName: "Spring Promo",
    platform: "slack",
    channel,
    createdBy: "slack:T1:UANN",
  });
  return org;
}

const snap = (version: number, status: string, extra: Partial<CampaignSnapshot> = {}): CampaignSnapshot => ({
  id: "camp-1",
  name: "Spring Promo",
  status,
  version,
  errors: [],
  ...extra,
});

describe("alert engine", () => {
  const tmp = useTempDir();
  const url = tmp.sqliteUrl();
  const h = useStore(() => url);

  it("posts once when a watched campaign is turned off outside Switchboard, edits it and resolves it", async () => {
    const sent: Sent[] = [];
    const engine = engineOn(h.store, sent);
    const org = await watched(h.store);
    await engine.apply(org, snap(1, "on"));
    await engine.idle();
    expect(sent).toHaveLength(0);
    await engine.apply(org, snap(2, "stopping"));
    await engine.apply(org, snap(2, "stopping"));
    await engine.apply(org, snap(3, "off"));
    await engine.idle();
    const posts = sent.filter((s) => s.kind === "post");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toMatch(/Spring Promo \(org\d+\) stopped dialing: changed outside Switchboard/);
    const buttons = posts[0]?.reply.blocks.find((b) => b.type === "actions");
    expect(buttons).toMatchObject({
      actions: [
        { id: "resume", value: `resume ${org} "Spring Promo"` },
        { id: "why", value: `why ${org} "Spring Promo" dialing` },
        { id: "mute", value: `mute ${org} "Spring Promo" 1h` },
      ],
    });
    expect(sent.at(-1)?.text).toContain("off");
    // Replays of old versions change nothing.
    const before = sent.length;
    await engine.apply(org, snap(3, "off"));
    await engine.apply(org, snap(1, "on"));
    await engine.idle();
    expect(sent).toHaveLength(before);
    await engine.apply(org, snap(4, "on"));
    await engine.idle();
    const last = sent.filter((s) => s.kind === "update").at(-1);
    expect(last?.ref).toBe(posts[0]?.ref);
    expect(last?.text).toContain("is dialing again");
    expect(last?.reply.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(sent.filter((s) => s.kind === "thread").at(-1)?.text).toMatch(/on \(Back on/);
  });

  it("coalesces a storm of events into one message and few edits", async () => {
    const sent: Sent[] = [];
    let release = () => {};
    const engine = engineOn(h.store, sent, new Promise<void>((r) => (release = r)));
    const org = await watched(h.store);
    await engine.apply(org, snap(1, "on"));
    const errorsAt = (v: number) => [{ error: "Contact list empty", details: `check ${v}` }];
    void engine.apply(org, snap(2, "invalid", { errors: errorsAt(2) }));
    const applied: Promise<void>[] = [];
    for (let v = 3; v < 40; v++) applied.push(engine.apply(org, snap(v, "invalid", { errors: errorsAt(v) })));
    // Every event lands while the first post is still in flight: they become one edit.
    await Promise.all(applied);
    release();
    await engine.idle();
    expect(sent.filter((s) => s.kind === "post")).toHaveLength(1);
    expect(sent.filter((s) => s.kind === "update")).toHaveLength(1);
    expect(sent.at(-1)?.text).toContain("Contact list empty: check 39");
    expect(sent.at(-1)?.text).toContain("Genesys reports errors");
  });

  it("does not alert for a pause made through Switchboard, and names who resumed through it", async () => {
    const sent: Sent[] = [];
    const engine = engineOn(h.store, sent);
    const org = await watched(h.store);
    await engine.apply(org, snap(1, "on"));
    const row = { actor: "slack:T1:UANN", platform: "slack", channel: "C1", orgSlug: org, target: "camp-1" };
    await h.store.audit.append({ ...row, action: "pause", outcome: "intent" });
    await engine.apply(org, snap(2, "off"));
    await engine.idle();
    expect(sent).toHaveLength(0);
    // A stop Switchboard did not ask for alerts even right after its pause.
    await engine.apply(org, snap(3, "on"));
    await engine.apply(org, snap(4, "complete"));
    await engine.idle();
    expect(sent.filter((s) => s.kind === "post").map((s) => s.reply.title)).toEqual([
      `Spring Promo (${org}) completed: nothing left to dial`,
    ]);
    await h.store.audit.append({ ...row, action: "resume", outcome: "intent" });
    await engine.apply(org, snap(5, "on"));
    await engine.idle();
    expect(sent.at(-2)?.text).toContain("Resumed through Switchboard by slack:T1:UANN");
  });

  it("reopens the same message when a campaign flaps instead of posting again", async () => {
    const sent: Sent[] = [];
    const engine = engineOn(h.store, sent);
    const org = await watched(h.store);
    await engine.apply(org, snap(1, "on"));
    await engine.apply(org, snap(2, "off"));
    await engine.apply(org, snap(3, "on"));
    await engine.apply(org, snap(4, "off"));
    await engine.idle();
    expect(sent.filter((s) => s.kind === "post")).toHaveLength(1);
    expect(sent.at(-2)?.text).toContain("stopped dialing");
  });

  it("posts nothing in a muted channel and still posts in the others", async () => {
    const sent: Sent[] = [];
    const engine = engineOn(h.store, sent);
    const org = await watched(h.store, "C1");
    await h.store.watches.add({
      orgSlug: org,
      campaignId: "camp-1",
      campaignName: "Spring Promo",
      platform: "slack",
      channel: "C2",
      createdBy: "slack:T1:UBEN",
    });
    await h.store.alerts.mute({
      orgSlug: org,
      campaignId: "camp-1",
      platform: "slack",
      channel: "C1",
      until: new Date(clock.now().getTime() + 3_600_000),
      createdBy: "slack:T1:UANN",
    });
    await engine.apply(org, snap(1, "on"));
    await engine.apply(org, snap(2, "forced_off", { errors: [{ error: "No callable contacts" }] }));
    await engine.idle();
    expect(sent.map((s) => `${s.kind}:${s.channel}`)).toEqual(["post:C2"]);
  });

  it("posts once across two replicas applying the same events", async () => {
    const sentA: Sent[] = [];
    const sentB: Sent[] = [];
    const a = engineOn(h.store, sentA);
    const b = engineOn(await h.openAnother(), sentB);
    const org = await watched(h.store);
    await a.apply(org, snap(1, "on"));
    await Promise.all([a.apply(org, snap(2, "off")), b.apply(org, snap(2, "off"))]);
    await Promise.all([a.idle(), b.idle()]);
    expect([...sentA, ...sentB].filter((s) => s.kind === "post")).toHaveLength(1);
  });

  it("ignores campaigns nobody watches", async () => {
    const sent: Sent[] = [];
    const engine = engineOn(h.store, sent);
    await engine.apply("nobody", snap(1, "on"));
    await engine.apply("nobody", snap(2, "off"));
    await engine.idle();
    expect(sent).toHaveLength(0);
    expect(await h.store.alerts.latest("nobody", "camp-1")).toBeNull();
  });
});
