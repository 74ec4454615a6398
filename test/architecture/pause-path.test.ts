/**
 * Where a Slack pause goes, measured rather than traced by hand: V8's precise coverage lists every
 * function that ran while one `/campaign pause` went from the signed request to the final Slack
 * edit (a warm process: a first pause ran before counting). The pause must run through its home
 * (core/campaigns) and must not detour through areas it is not (bulk jobs, approvals, scheduling,
 * diagnosis, alerts): the two small exceptions are named with their reason. The count of files is
 * printed for README's "Where does pause happen?".
 */
import { Session } from "node:inspector/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../support/slack-fake.js";
import { ann, type SlackHarness, startSlackHarness } from "../support/slack-harness.js";

interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
}

let s: SlackHarness;
let files: string[] = [];
/** Files whose code ran in an idle window as long as the pause: timers (scheduler, leases), not the pause. */
let idle = new Set<string>();

const ranIn = ({ result }: Coverage): string[] =>
  result
    // functions[0] is the module's top level (it ran at import); any other function that ran counts.
    .filter((r) => r.functions.slice(1).some((f) => (f.ranges[0]?.count ?? 0) > 0))
    .map((r) => r.url.replace(/^.*?\/src\//, "src/"))
    // The simulator stands in for Genesys: not part of Switchboard's path.
    .filter((url) => url.startsWith("src/") && !url.startsWith("src/genesys-sim/"))
    .sort();

beforeAll(async () => {
  s = await startSlackHarness();
  const pause = async (name: string) => {
    await s.command(`pause north ${name} --reason "path"`, ann);
    await s.fake.waitForApi("chat.update", (c) => textOf(c).includes(`Paused ${name} in north`));
    await s.settled();
  };
  await pause("Hotel"); // warm: lazy loading and first-use caches are not the pause's path
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
    await session.post("Profiler.takePreciseCoverage"); // counts from here
    const started = performance.now();
    await pause("Golf");
    const took = performance.now() - started;
    files = ranIn((await session.post("Profiler.takePreciseCoverage")) as Coverage);
    await new Promise((resolve) => setTimeout(resolve, took));
    idle = new Set(ranIn((await session.post("Profiler.takePreciseCoverage")) as Coverage));
  } finally {
    session.disconnect();
  }
}, 60_000);

afterAll(async () => {
  await s?.close();
});

describe("a Slack /campaign pause", () => {
  it("runs through its home: the listener, the dispatcher, the command, core/campaigns, the Genesys client, the audit", () => {
    const own = files.filter((f) => !idle.has(f));
    console.log(
      `a warm Slack pause runs code in ${files.length} src/ files (${own.length} not also busy while idle):\n  ${files.join("\n  ")}`,
    );
    for (const spine of [
      "src/adapters/slack/command-listener.ts",
      "src/core/dispatch/dispatcher.ts",
      "src/core/commands/switch-command.ts",
      "src/core/campaigns/pause-resume.ts",
      "src/core/campaigns/switch-campaign.ts",
      "src/genesys/org-client.ts",
      "src/store/prisma-audit-log.ts",
    ])
      expect(files).toContain(spine);
  });

  it("does not detour through bulk jobs, approvals, scheduling, diagnosis or alerts", () => {
    const allowed = new Set([
      // The switch command asks whether the arguments select many campaigns (--all/--match/--orgs).
      "src/core/bulk/selector.ts",
      // The Slack listener asks whether the reply is an approval request, to remember its message.
      "src/core/approvals/approval-views.ts",
    ]);
    const detours = files.filter(
      (f) =>
        /^src\/core\/(bulk|approvals|schedule|diagnosis|alerts|watch)\//.test(f) &&
        !allowed.has(f) &&
        !idle.has(f),
    );
    expect(detours).toEqual([]);
  });
});
