/**
 * PostgreSQL going away under a running application (the server restarting, the network path to
 * it cut), then coming back: the command in between answers that the database is unavailable and
 * nothing was changed, Genesys is not asked for anything, and the next command after recovery works
 * on the same connection pool with the audit chain whole.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePg, pgUrl, useTestDatabase } from "../support/pg.js";
import { type FaultHarness, startFaultHarness } from "./support/fault-harness.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

describePg("PostgreSQL briefly unavailable", () => {
  const database = useTestDatabase();
  let proxy: TcpProxy;
  let h: FaultHarness;
  beforeAll(async () => {
    const server = new URL(pgUrl ?? "");
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    h = await startFaultHarness({ databaseUrl: viaProxy.toString() });
  });
  afterAll(async () => {
    await h?.close();
    await proxy?.close();
  });

  it("refuses a pause without touching Genesys, then works once the database is back", async () => {
    expect((await h.run('status acme "Spring Promo"')).text).toContain("Status: on");
    const before = h.sim.campaign("acme", "Spring Promo");
    const sentBefore = h.wire.length;

    await proxy.stop();
    const down = await h.run('pause acme "Spring Promo" --reason "db down"');
    expect(down.reply.tone).toBe("error");
    expect(down.text).toContain("The database is unavailable; nothing was changed.");
    expect(down.text).not.toContain(database.url);
    expect(h.wire.slice(sentBefore).filter((e) => e.method !== "GET")).toEqual([]);
    expect(h.sim.campaign("acme", "Spring Promo")).toEqual(before);

    await proxy.start();
    const after = await h.run('pause acme "Spring Promo" --reason "db back"');
    expect(after.reply.tone).toBe("success");
    expect(h.sim.campaign("acme", "Spring Promo").status).toBe("off");
    const pauses = (await h.app.services.audit.list({ orgSlug: "acme", limit: 50 })).filter(
      (r) => r.action === "pause",
    );
    expect(pauses.map((r) => `${r.outcome} ${r.reason}`).sort()).toEqual([
      "intent db back",
      "success db back",
    ]);
    expect(await h.app.store.audit.verify()).toMatchObject({ ok: true });
  });
});
