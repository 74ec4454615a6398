/**
 * Posts signed Slack requests all at once from its own process and prints each one's latency (ms)
 * as a JSON array: Slack's requests come from elsewhere, so the client's own work must not share
 * the server's event loop. Input (env SWITCHBOARD_BENCH_BURST): { url, secret, bodies }.
 */
import { postSigned } from "../../test/support/slack-sign.js";

const input = JSON.parse(process.env.SWITCHBOARD_BENCH_BURST ?? "{}") as {
  url: string;
  secret: string;
  bodies: string[];
};
// Connections first, so the burst measures requests, not TCP handshakes.
await Promise.all(
  input.bodies.map(() => fetch(input.url.replace(/\/slack\/events$/, "/healthz")).then((r) => r.text())),
);
const results = await Promise.all(
  input.bodies.map(async (body) => {
    const started = performance.now();
    const res = await postSigned(input.url, input.secret, body);
    return { ms: performance.now() - started, status: res.status };
  }),
);
process.stdout.write(`${JSON.stringify(results)}\n`);
