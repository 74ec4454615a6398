/**
 * The app side of the memory benchmark, run as its own process so that the simulator and the
 * benchmark driver do not count: builds the app exactly as `serve` does on a seeded database, then
 * reports memory (after a full GC) at each stage as one JSON line on stdout.
 *
 *   bare     — the process before the app is built (node, tsx, the modules this file imports)
 *   ready    — app built, nothing fetched
 *   warm     — every org used once through the dispatcher (`list <org>`): an org client per org
 *              holding a verified token and its rate limiter, the caller's grants cached per org
 *   held     — additionally every org's campaigns (all pages) kept in memory, i.e. what a campaign
 *              cache in the resolution path would hold
 */
import { readFileSync } from "node:fs";
import { shellInvocation } from "../src/adapters/shell/invocation.js";
import { loadConfig } from "../src/config.js";
import type { Campaign } from "../src/core/model.js";
import { silentLogger } from "../src/core/services.js";
import { buildApp } from "../src/main.js";

interface ProbeInput {
  databaseUrl: string;
  masterKey: string;
  simulatorUrl: string;
  dataDir: string;
  slugs: string[];
  chatUser: string;
}

export interface Memory {
  rss: number;
  heapUsed: number;
  /** Memory outside the V8 heap that JS objects own (buffers, WASM memories). */
  external: number;
  /**
   * Linux: the private part of RSS (RssAnon), without the file-backed pages of the node binary and
   * shared libraries that every node process maps; null elsewhere.
   */
  privateRss: number | null;
}

function privateRss(): number | null {
  try {
    const kb = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/** The process's highest RSS so far (Linux VmHWM); the current RSS elsewhere. */
function peakRss(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb !== undefined) return Number(kb) * 1024;
  } catch {}
  return process.memoryUsage().rss;
}

/** Memory after a full collection, so garbage from the stage before does not count. */
function memory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, privateRss: privateRss() };
}

async function inBatches<T>(items: T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}

const input = JSON.parse(process.env.SWITCHBOARD_BENCH_PROBE ?? "{}") as ProbeInput;
const bare = memory();
const t0 = performance.now();
const app = await buildApp({
  config: loadConfig({}, { dataDir: input.dataDir }),
  databaseUrl: input.databaseUrl,
  masterKey: Buffer.from(input.masterKey, "base64"),
  logger: silentLogger,
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

const held: Campaign[][] = [];
await inBatches(input.slugs, 20, async (slug) => {
  const org = await app.services.orgs.get(slug);
  if (!org) return;
  const client = await app.services.genesys.forOrg(org);
  held.push(await client.listAllCampaigns());
});
const heldMemory = memory();
const campaigns = held.reduce((n, list) => n + list.length, 0);

process.stdout.write(
  `${JSON.stringify({ buildMs, bare, ready, warm, held: heldMemory, campaigns, peakRss: peakRss(), failures, firstFailure })}\n`,
);
await app.close();
