/**
 * Posts signed Slack requests all at once from its own process and prints each one's latency (ms)
 * as a JSON array: Slack's requests come from elsewhere, so the client's own work must not share
 * the server's event loop. Input (env SWITCHBOARD_BENCH_BURST): { url, secret, bodies }.
 *
 * What is timed is the server's answer, as Slack would see it, not this client's start-up: the
 * signatures (Slack's side of the work) are made before the clock starts, the 50 connections are
 * open beforehand on a keep-alive agent, and each request goes out on node:http, not fetch, whose
 * first use of 50 parallel requests cost this process tens of milliseconds of its own (undici's
 * code compiling) that were counted as ack latency.
 */
import http from "node:http";
import { slackSignature } from "../../test/support/slack-sign.js";

const input = JSON.parse(process.env.SWITCHBOARD_BENCH_BURST ?? "{}") as {
  url: string;
  secret: string;
  bodies: string[];
};
const target = new URL(input.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: input.bodies.length });

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      { host: target.hostname, port: target.port, method, path, headers, agent },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// One connection per request first, so the burst measures requests, not TCP handshakes.
await Promise.all(input.bodies.map(() => send("GET", "/healthz", {})));
const timestamp = String(Math.floor(Date.now() / 1000));
const signed = input.bodies.map((body) => ({
  body,
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    "content-length": String(Buffer.byteLength(body)),
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": slackSignature(input.secret, body, Number(timestamp)),
  },
}));
const results = await Promise.all(
  signed.map(({ body, headers }) => send("POST", target.pathname, headers, body)),
);
agent.destroy();
process.stdout.write(`${JSON.stringify(results.map(({ ms, status }) => ({ ms, status })))}\n`);
