import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { api, fixtureWith, sim, tokenFor } from "./helpers.js";

interface Message {
  topicName: string;
  eventBody: Record<string, unknown>;
}

/** Collects a socket's messages; `next` waits for the first one matching. */
function listen(uri: string) {
  const ws = new WebSocket(uri);
  const seen: Message[] = [];
  const waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  ws.on("message", (data) => {
    const m = JSON.parse(String(data)) as Message;
    seen.push(m);
    for (const w of waiters.splice(0)) {
      if (w.match(m)) w.resolve(m);
      else waiters.push(w);
    }
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  const next = (match: (m: Message) => boolean) =>
    new Promise<Message>((resolve) => {
      const found = seen.find(match);
      if (found) resolve(found);
      else waiters.push({ match, resolve });
    });
  return { ws, seen, opened, closed, next };
}

async function channelWithTopics(s: Awaited<ReturnType<typeof sim>>, topics: string[]) {
  const token = await tokenFor(s, "acme");
  const channel = await api<{ id: string; connectUri: string; expires: string }>(
    s,
    token,
    "acme",
    "/notifications/channels",
    { method: "POST", body: {} },
  );
  const subs = await api<{ entities: { id: string; state: string; missingPermissions?: string[] }[] }>(
    s,
    token,
    "acme",
    `/notifications/channels/${channel.body.id}/subscriptions`,
    { method: "PUT", body: topics.map((id) => ({ id })) },
  );
  return { token, channel: channel.body, subs: subs.body };
}

describe("notifications API", () => {
  it("creates a channel whose connectUri is a WebSocket on the simulator's streaming host", async () => {
    const s = await sim();
    const { channel } = await channelWithTopics(s, []);
    expect(channel.connectUri).toBe(
      `${s.url.replace("http", "ws")}/streaming.mypurecloud.com/channels/${channel.id}`,
    );
    expect(Date.parse(channel.expires) - Date.now()).toBeGreaterThan(23 * 3_600_000);
  });

  it("delivers the campaign and its progress when someone turns it off in the Genesys UI", async () => {
    const s = await sim({ notifications: { pollMs: 10 } });
    const id = s.campaign("acme", "Spring Promo").id;
    const { channel, subs } = await channelWithTopics(s, [
      `v2.outbound.campaigns.${id}`,
      `v2.outbound.campaigns.${id}.progress`,
    ]);
    expect(subs.entities.map((e) => e.state)).toEqual(["Permitted", "Permitted"]);
    const socket = listen(channel.connectUri);
    await socket.opened;
    s.campaignEvent("acme", "Spring Promo", { status: "off" });
    const event = await socket.next((m) => m.topicName === `v2.outbound.campaigns.${id}`);
    expect(event.eventBody).toMatchObject({ id, campaignStatus: "off", name: "Spring Promo" });
    const progress = await socket.next((m) => m.topicName.endsWith(".progress"));
    expect(progress.eventBody).toMatchObject({ campaign: { id } });
    socket.ws.close();
  });

  it("publishes errors of a campaign that went invalid", async () => {
    const s = await sim({ notifications: { pollMs: 10 } });
    const id = s.campaign("acme", "Spring Promo").id;
    const { channel } = await channelWithTopics(s, [`v2.outbound.campaigns.${id}`]);
    const socket = listen(channel.connectUri);
    await socket.opened;
    s.campaignEvent("acme", "Spring Promo", {
      status: "invalid",
      errors: [{ error: "contact.list.missing", details: "The contact list was deleted" }],
    });
    const event = await socket.next((m) => m.topicName.startsWith("v2.outbound"));
    expect(event.eventBody).toMatchObject({
      campaignStatus: "invalid",
      errors: [{ error: "contact.list.missing" }],
    });
    socket.ws.close();
  });

  it("answers a ping with a pong and sends heartbeats", async () => {
    const s = await sim({ notifications: { heartbeatMs: 20 } });
    const { channel } = await channelWithTopics(s, []);
    const socket = listen(channel.connectUri);
    await socket.opened;
    socket.ws.send(JSON.stringify({ message: "ping" }));
    await socket.next((m) => m.eventBody.message === "pong");
    await socket.next((m) => m.eventBody.message === "WebSocket Heartbeat");
    socket.ws.close();
  });

  it("announces maintenance with socket_closing, then closes", async () => {
    const s = await sim();
    const { channel } = await channelWithTopics(s, []);
    const socket = listen(channel.connectUri);
    await socket.opened;
    s.notifications.socketClosing("acme", 10);
    await socket.next((m) => m.topicName === "v2.system.socket_closing");
    expect(await socket.closed).toBe(1001);
  });

  it("closes the socket when the channel's token expires", async () => {
    const s = await sim({ notifications: { pollMs: 10 } });
    const { channel } = await channelWithTopics(s, []);
    const socket = listen(channel.connectUri);
    await socket.opened;
    s.expireTokens();
    expect(await socket.closed).toBe(4401);
  });

  it("rejects topics of campaigns the client may not view and unknown topics", async () => {
    const f = fixtureWith((fx) => {
      const acme = fx.orgs.find((o) => o.slug === "acme");
      const role = acme?.roles.find((r) => r.name === "Switchboard Integration");
      if (role) role.permissions = ["outbound:campaign:start"];
    });
    const s = await sim({ fixture: f });
    const id = s.campaign("acme", "Spring Promo").id;
    const { subs } = await channelWithTopics(s, [`v2.outbound.campaigns.${id}`, "v2.users.x.presence"]);
    expect(subs.entities).toEqual([
      expect.objectContaining({ state: "Rejected", missingPermissions: ["outbound:campaign:view"] }),
      expect.objectContaining({ state: "Rejected", rejectionReason: "Topic is not supported" }),
    ]);
  });

  it("counts a topic listed many times once toward the 1000-topic limit", async () => {
    const s = await sim();
    const id = s.campaign("acme", "Spring Promo").id;
    const token = await tokenFor(s, "acme");
    const channel = await api<{ id: string }>(s, token, "acme", "/notifications/channels", {
      method: "POST",
      body: {},
    });
    const topics = Array.from({ length: 1001 }, () => ({ id: `v2.outbound.campaigns.${id}` }));
    // Duplicates collapse, so 1001 copies of one topic are one subscription.
    const ok = await api(s, token, "acme", `/notifications/channels/${channel.body.id}/subscriptions`, {
      method: "PUT",
      body: topics,
    });
    expect(ok.status).toBe(200);
  });

  it("lets a WebSocket connect only on the channel's own region", async () => {
    const s = await sim();
    const { channel } = await channelWithTopics(s, []);
    const wrong = listen(channel.connectUri.replace("mypurecloud.com", "mypurecloud.ie"));
    await expect(wrong.opened).rejects.toThrow(/404/);
  });
});

describe("campaign diagnostics, rules and schedules", () => {
  const fixture = () =>
    fixtureWith((fx) => {
      const acme = fx.orgs.find((o) => o.slug === "acme");
      if (!acme) throw new Error("no acme");
      const role = acme.roles.find((r) => r.name === "Switchboard Integration");
      role?.permissions.push("outbound:campaignRule:view");
      const spring = acme.campaigns.find((c) => c.name === "Spring Promo");
      if (spring) spring.diagnostics = { callableContacts: 0 };
      acme.campaignRules = [
        {
          name: "Stop at 80%",
          campaigns: ["Spring Promo"],
          condition: { type: "campaignProgress", operator: "greaterThan", value: "80" },
          action: "turnOffCampaign",
          enabled: true,
        },
      ];
      acme.campaignSchedules = [
        {
          campaign: "Spring Promo",
          intervals: [{ start: "2026-12-04T09:00:00", end: "2026-12-04T18:00:00" }],
          timeZone: "UTC",
        },
      ];
    });

  it("reports callable contacts, queue utilisation and errors in the SDK's CampaignDiagnostics shape", async () => {
    const s = await sim({ fixture: fixture() });
    const id = s.campaign("acme", "Spring Promo").id;
    const token = await tokenFor(s, "acme");
    const d = await api(s, token, "acme", `/outbound/campaigns/${id}/diagnostics`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      totalNumberOfContacts: 12500,
      numberOfContactsCalled: 5250,
      filteredOutContactsCount: 12500 - 5250,
      queueUtilizationDiagnostic: { queue: { name: "Sales Outbound" } },
      campaignErrors: [],
    });
  });

  it("lists campaign rules and schedules from the fixture", async () => {
    const s = await sim({ fixture: fixture() });
    const id = s.campaign("acme", "Spring Promo").id;
    const token = await tokenFor(s, "acme");
    const rules = await api<{ entities: unknown[] }>(s, token, "acme", "/outbound/campaignrules");
    expect(rules.body.entities).toEqual([
      expect.objectContaining({
        name: "Stop at 80%",
        campaignRuleActions: [expect.objectContaining({ actionType: "turnOffCampaign" })],
      }),
    ]);
    const schedules = await api(s, token, "acme", "/outbound/schedules/campaigns");
    // The demo client lacks outbound:schedule:view: Genesys answers 403 with the permission.
    expect(schedules.status).toBe(403);
    expect(JSON.stringify(schedules.body)).toContain("outbound:schedule:view");
    const single = await api(s, token, "acme", `/outbound/schedules/campaigns/${id}`);
    expect(single.status).toBe(403);
  });
});
