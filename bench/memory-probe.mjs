/**
 * The app side of the memory benchmark, run as its own process so that the simulator and the
 * benchmark driver do not count. Plain JavaScript on the compiled app (dist/, `npm run build`), as
 * `serve` runs it: under tsx the same process carries ~40 MB of TypeScript tooling that serve does
 * not. Builds the app as `serve` does on a seeded database, then reports memory (after a full GC)
 * at each stage as one JSON line on stdout.
 *
 *   bare     — the process before the app is built (node and the app's modules)
 *   ready    — app built, nothing fetched
 *   warm     — every org used once through the dispatcher (`list <org>`): an org client per org
 *              holding a verified token and its rate limiter, the caller's grants cached per org
 *   held     — additionally every org's campaigns (all pages) kept in memory, i.e. what a campaign
 *              cache in the resolution path would hold
 *   peakRss  — the highest RSS over the process's life (Linux VmHWM), GC or not
 */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { shellInvocation } from "../dist/adapters/shell/invocation.js";
import { loadConfig } from "../dist/config.js";
import { buildApp } from "../dist/main.js";

// As bin/switchboard.js sets it for `serve` (see there why): the probe measures serve's process.
setFlagsFromString("--heap-growing-percent=50");

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A line of /proc/self/status in bytes (Linux), or null elsewhere. */
function procStatus(field) {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync("/proc/self/status", "utf8"),
    )?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/** Memory after a full collection, so garbage from the stage before does not count. */
function memory() {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  // RssAnon: the private part of RSS, without the file-backed pages every node process maps.
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, privateRss: procStatus("RssAnon") };
}

async function inBatches(items, size, task) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

const input = JSON.parse(process.env.SWITCHBOARD_BENCH_PROBE ?? "{}");
const bare = memory();
const t0 = performance.now();
const app = await buildApp({
  config: loadConfig({}, { dataDir: input.dataDir }),
  databaseUrl: input.databaseUrl,
  masterKey: Buffer.from(input.masterKey, "base64"),
  logger: silent,
  simulatorUrl: input.simulatorUrl,
});
const buildMs = performance.now() - t0;
const ready = memory();

let failures = 0;
let firstFailure = "";
await inBatches(input.slugs, 20, async (slug) => {
  const reply = await app.dispatcher.dispatch(shellInvocation(`list ${slug}`, input.chatUser));
  if (reply.tone === "error") {
    failures++;
    firstFailure ||= JSON.stringify(reply.blocks).slice(0, 200);
  }
});
const warm = memory();

const held = [];
await inBatches(input.slugs, 20, async (slug) => {
  const org = await app.services.orgs.get(slug);
  if (!org) return;
  const client = await app.services.genesys.forOrg(org);
  held.push(await client.listAllCampaigns());
});
const heldMemory = memory();
const campaigns = held.reduce((n, list) => n + list.length, 0);
const peakRss = procStatus("VmHWM") ?? process.memoryUsage().rss;

process.stdout.write(
  `${JSON.stringify({ buildMs, bare, ready, warm, held: heldMemory, campaigns, peakRss, failures, firstFailure })}\n`,
);
await app.close();
