/**
 * The simulator's control channel (`switchboard sim event`) rewrites campaigns, so only loopback
 * peers may use it: a simulator started with `--host 0.0.0.0` must not let the network do that.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { CAMPAIGN_EVENT_PATH, handleControlRequest } from "../../src/genesys-sim/control-routes.js";

const request = (remoteAddress: string, method = "POST") =>
  ({ method, socket: { remoteAddress } }) as unknown as IncomingMessage;
const body = Buffer.from(JSON.stringify({ org: "acme", campaign: "Spring Promo", status: "off" }));

describe("simulator control channel", () => {
  it("refuses peers that are not on loopback, without applying anything", () => {
    const applied: unknown[] = [];
    for (const peer of ["10.0.0.5", "192.168.1.20", "::ffff:10.0.0.5", ""]) {
      const answer = handleControlRequest(request(peer), CAMPAIGN_EVENT_PATH, body, (e) => applied.push(e));
      expect(answer.status).toBe(403);
    }
    expect(applied).toEqual([]);
  });

  it("applies a well-formed event from loopback (IPv4 and IPv6), and rejects a bad one", () => {
    const applied: unknown[] = [];
    for (const peer of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      const answer = handleControlRequest(request(peer), CAMPAIGN_EVENT_PATH, body, (e) => {
        applied.push(e);
        return { ok: true };
      });
      expect(answer).toEqual({ status: 200, body: { ok: true } });
    }
    expect(applied).toHaveLength(3);
    const bad = Buffer.from(JSON.stringify({ org: "acme", campaign: "Spring Promo", status: "paused" }));
    expect(handleControlRequest(request("127.0.0.1"), CAMPAIGN_EVENT_PATH, bad, () => 0).status).toBe(400);
    expect(handleControlRequest(request("127.0.0.1", "GET"), CAMPAIGN_EVENT_PATH, body, () => 0).status).toBe(
      404,
    );
  });
});
