/**
 * Post-ack work yields to acknowledgements still owed: through a real HTTP server, work asked for
 * while another request waits for its ack does not start until that ack is sent and the burst is
 * quiet; a lone request's work starts at once; nothing waits past the cap.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AckPriority } from "../../src/adapters/slack/ack-priority.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** A server whose requests are acked only when the test says so. */
async function holdingServer(gate: AckPriority) {
  const held: ServerResponse[] = [];
  let arrived: () => void = () => {};
  server = createServer(
    gate.track((req, res) => {
      req.resume();
      held.push(res);
      arrived();
    }),
  );
  await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    held,
    /** Sends a request and resolves once the server holds it (the response is wrapped: awaiting it would wait for the ack). */
    async send(): Promise<{ response: Promise<Response> }> {
      const seen = new Promise<void>((r) => {
        arrived = r;
      });
      const response = fetch(url, { method: "POST", body: "x" });
      await seen;
      return { response };
    },
  };
}

const state = (p: Promise<void>) => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  return () => done;
};
const turn = () => new Promise((r) => setTimeout(r, 5));

describe("AckPriority", () => {
  it("lets a lone request's work start as soon as it is acked", async () => {
    const gate = new AckPriority({ quietMs: 60_000, maxWaitMs: 60_000 });
    const s = await holdingServer(gate);
    const { response } = await s.send();
    s.held[0]?.end();
    await response;
    await gate.settled();
  });

  it("holds work while another request waits for its ack, and releases it once that ack is sent and the burst is quiet", async () => {
    const gate = new AckPriority({ quietMs: 30, maxWaitMs: 60_000 });
    const s = await holdingServer(gate);
    const { response: first } = await s.send();
    const { response: second } = await s.send();
    s.held[0]?.end();
    await first;
    const started = state(gate.settled());
    await turn();
    await turn();
    expect(started()).toBe(false);
    s.held[1]?.end();
    await second;
    while (!started()) await turn();
    expect(s.held.every((r) => r.writableEnded)).toBe(true);
  });

  it("never holds work past maxWaitMs, even with an ack still owed", async () => {
    const gate = new AckPriority({ quietMs: 60_000, maxWaitMs: 20 });
    const s = await holdingServer(gate);
    const { response: first } = await s.send();
    await gate.settled();
    expect(s.held[0]?.writableEnded).toBe(false);
    s.held[0]?.end();
    await first;
  });

  it("releases every waiter at shutdown", async () => {
    const gate = new AckPriority({ quietMs: 60_000, maxWaitMs: 60_000 });
    const s = await holdingServer(gate);
    const { response: first } = await s.send();
    const waiting = gate.settled();
    gate.releaseAll();
    await waiting;
    s.held[0]?.end();
    await first;
  });
});
