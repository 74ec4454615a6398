/**
 * The architecture, enforced: ports and adapters only hold if a wrong import fails the build.
 * Reads every source file's import specifiers and checks them against the allowed directions.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated") return [];
    return statSync(full).isDirectory() ? files(full) : full.endsWith(".ts") ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ];
  return found.map((m) => m[1] ?? m[2] ?? "");
}

/** Which top-level area of src a file or resolved import belongs to. */
function area(absPath: string): string {
  const rel = path.relative(SRC, absPath).split(path.sep);
  if (rel.length === 1) return (rel[0] ?? "").replace(/\.ts$/, "");
  return rel[0] === "adapters" ? `adapters/${rel[1]}` : (rel[0] ?? "");
}

const all = files(SRC);
const edges = all.flatMap((file) =>
  imports(file).map((spec) => ({
    from: area(file),
    file: path.relative(SRC, file),
    spec,
    to: spec.startsWith(".") ? area(path.resolve(path.dirname(file), spec)) : `pkg:${spec}`,
  })),
);

/** An import's target as a src-relative path with forward slashes (`core/dispatch/command.ts`). */
function resolved(edge: { file: string; spec: string }): string {
  const abs = path.resolve(SRC, path.dirname(edge.file), edge.spec).replace(/\.js$/, ".ts");
  return path.relative(SRC, abs).split(path.sep).join("/");
}

/** The chat side of the core: commands, and dispatch/ (the dispatcher and the command context they hand around). */
const CHAT_SIDE = ["core/commands/", "core/dispatch/"];

/** Use cases called from more than a typed command: they take (services, Requested, input). */
const USE_CASES = [
  "core/approvals/decide.ts",
  "core/approvals/recover.ts",
  "core/approvals/request-approval.ts",
  "core/bulk/approved-job.ts",
  "core/bulk/bulk-switch.ts",
  "core/bulk/executor.ts",
  "core/bulk/launch-job.ts",
  "core/bulk/plan-items.ts",
  "core/bulk/progress-throttle.ts",
  "core/bulk/run-job.ts",
  "core/bulk/select-campaigns.ts",
  "core/bulk/undo-pause.ts",
  "core/schedule/run-scheduled.ts",
  "core/schedule/schedule-resume.ts",
].map((f) => f.split("/").join(path.sep));

/** The folder of src/core a src-relative path is in (`kernel`, `ports`, …), or undefined outside core. */
function coreArea(srcRelative: string): string | undefined {
  const parts = srcRelative.split(/[\\/]/);
  return parts[0] === "core" && parts.length > 2 ? parts[1] : parts[0] === "core" ? "" : undefined;
}

/** Imports from one folder of src/core into core folders other than `allowed`. */
function coreImportsOutside(from: string, allowed: string[]): string[] {
  return edges
    .filter((e) => coreArea(e.file) === from && e.spec.startsWith("."))
    .filter((e) => {
      const to = coreArea(resolved(e));
      return to !== undefined && to !== from && !allowed.includes(to);
    })
    .map((e) => `${e.file} → ${e.spec}`);
}

const RULES: Record<string, (to: string) => boolean> = {
  // The core knows no platform, database, HTTP or file system.
  core: (to) => to === "core" || to === "pkg:zod" || to === "pkg:node:crypto",
  // ws: Genesys notifications arrive over a WebSocket (the campaign listener).
  genesys: (to) => to === "genesys" || to === "core" || to === "pkg:zod" || to === "pkg:ws",
  store: (to) =>
    to === "store" || to === "core" || (to.startsWith("pkg:") && !/bolt|botbuilder|genesys/.test(to)),
  "genesys-sim": (to) => to === "genesys-sim" || (to === "genesys" ? true : to.startsWith("pkg:")),
  // What the chat surfaces share (settling a decision, reading a typed one): the core only, no
  // platform library, so any surface may use it and none drags another's packages along.
  "adapters/shared": (to) => to === "adapters/shared" || to === "core",
  "adapters/shell": (to) =>
    to === "adapters/shell" || to === "adapters/shared" || to === "core" || to.startsWith("pkg:node:"),
  // Slack: the core, Slack's own libraries and Node; never the store, Genesys or another surface.
  "adapters/slack": (to) =>
    to === "adapters/slack" ||
    to === "adapters/shared" ||
    to === "core" ||
    to.startsWith("pkg:@slack/") ||
    to.startsWith("pkg:node:"),
  // Teams: the core, botbuilder's packages and Node; never the store, Genesys or another surface, so
  // moving off botbuilder (archived upstream) touches this folder alone.
  "adapters/teams": (to) =>
    to === "adapters/teams" ||
    to === "adapters/shared" ||
    to === "core" ||
    to === "pkg:botbuilder" ||
    to.startsWith("pkg:botframework-") ||
    // The app package's zip writer.
    to === "pkg:fflate" ||
    to.startsWith("pkg:node:"),
  // The HTTP server knows routes, not platforms: surfaces hand it plain request listeners.
  // prom-client: /metrics and the Metrics port behind it, with Node's process metrics.
  server: (to) => to === "server" || to === "core" || to === "pkg:prom-client" || to.startsWith("pkg:node:"),
};

describe("dependency direction", () => {
  it("finds the source files it guards", () => {
    expect(all.length).toBeGreaterThan(20);
    expect(edges.some((e) => e.from === "core")).toBe(true);
  });

  for (const [from, allowed] of Object.entries(RULES)) {
    it(`${from} imports only what it may`, () => {
      const bad = edges.filter((e) => e.from === from && !allowed(e.to)).map((e) => `${e.file} → ${e.spec}`);
      expect(bad).toEqual([]);
    });
  }

  it("genesys-sim depends on nothing of ours but the region table", () => {
    const bad = edges.filter(
      (e) => e.from === "genesys-sim" && e.to === "genesys" && !e.spec.endsWith("regions.js"),
    );
    expect(bad.map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it("nothing but the composition root and the CLI wires stores and clients together", () => {
    const wiring = edges.filter(
      (e) =>
        (e.to === "store" || e.to === "genesys-sim") &&
        !["main", "cli", "store", "genesys-sim"].includes(e.from),
    );
    expect(wiring.map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it("core/campaigns (where pause and resume happen) depends on no command, dispatcher or chat context", () => {
    expect(all.some((f) => f.endsWith(path.join("core", "campaigns", "pause-resume.ts")))).toBe(true);
    const bad = edges.filter(
      (e) =>
        e.file.startsWith(`core${path.sep}campaigns${path.sep}`) &&
        e.spec.startsWith(".") &&
        CHAT_SIDE.some((chat) => resolved(e).startsWith(chat)),
    );
    expect(bad.map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it("use cases the scheduler, bulk jobs and approvals share take who is asking, not a CommandContext", () => {
    const missing = USE_CASES.filter((f) => !all.includes(path.join(SRC, f)));
    expect(missing).toEqual([]);
    const bad = edges.filter(
      (e) =>
        USE_CASES.includes(e.file) && e.spec.startsWith(".") && resolved(e) === "core/dispatch/command.ts",
    );
    expect(bad.map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it("the kernel (model, reply, errors, clock, logger…) imports nothing else in core", () => {
    expect(all.some((f) => f.endsWith(path.join("core", "kernel", "model.ts")))).toBe(true);
    expect(coreImportsOutside("kernel", [])).toEqual([]);
  });

  it("ports depend only on the kernel (and each other), never on a use case", () => {
    expect(all.some((f) => f.endsWith(path.join("core", "ports", "org-store.ts")))).toBe(true);
    expect(coreImportsOutside("ports", ["kernel"])).toEqual([]);
  });

  it("the chat side (dispatch/) is not imported by core/campaigns or the shared use cases", () => {
    expect(all.some((f) => f.endsWith(path.join("core", "dispatch", "dispatcher.ts")))).toBe(true);
    const bad = edges.filter(
      (e) =>
        (coreArea(e.file) === "campaigns" || USE_CASES.includes(e.file)) &&
        e.spec.startsWith(".") &&
        resolved(e).startsWith("core/dispatch/"),
    );
    expect(bad.map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it("the dispatcher is given diagnosis (a hook main.ts wires), it does not call into it", () => {
    const dispatcher = all.filter((f) => f.endsWith(`${path.sep}dispatcher.ts`));
    expect(dispatcher).toHaveLength(1);
    const bad = edges.filter(
      (e) =>
        e.file.endsWith(`${path.sep}dispatcher.ts`) &&
        e.spec.startsWith(".") &&
        resolved(e).startsWith("core/diagnosis/"),
    );
    expect(bad.map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it("only config.ts reads process.env (others pass it to loadConfig)", () => {
    const readers = all.filter((f) => {
      const text = readFileSync(f, "utf8").replace(/loadConfig\(process\.env/g, "");
      return /process\.env/.test(text) && !f.endsWith(`${path.sep}config.ts`);
    });
    expect(readers.map((f) => path.relative(SRC, f))).toEqual([]);
  });
});
