/**
 * `npm run teams:package` builds the Teams app package from configuration: a zip Teams accepts with
 * the manifest (schema 1.16+) naming the bot by its app id, the core's commands as the bot's menu,
 * the serving host as the valid domain, and the two icons at the sizes Teams requires.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pngInfo } from "../../src/adapters/teams/app-package/png.js";
import { DEFAULT_OUTPUT } from "../../src/cli/teams-package-command.js";
import { builtinCommands } from "../../src/core/commands/index.js";
import { unzip } from "../support/teams-zip.js";
import { useTempDir } from "../support/temp-dir.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const tmp = useTempDir("switchboard-teams-package-");

/** The script `npm run teams:package` runs, in a clean environment. */
function teamsPackage(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/teams-package.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("npm run teams:package", () => {
  it("builds a zip whose manifest names the bot, lists the commands and the domain, with both icons", async () => {
    const output = tmp.file("out/switchboard-teams.zip");
    const run = await teamsPackage(["--output", output], {
      MICROSOFT_APP_ID: APP_ID.toUpperCase(),
      TEAMS_PUBLIC_HOST: "switchboard.example.com",
    });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain(`bot ${APP_ID}`);
    const files = unzip(readFileSync(output));
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(files.get("manifest.json")?.toString("utf8") ?? "{}");
    expect(manifest).toMatchObject({
      manifestVersion: "1.16",
      id: APP_ID,
      version: "0.1.0",
      icons: { color: "color.png", outline: "outline.png" },
      validDomains: ["switchboard.example.com"],
      developer: { websiteUrl: "https://switchboard.example.com/" },
    });
    expect(manifest.$schema).toContain("/v1.16/MicrosoftTeams.schema.json");
    const [bot] = manifest.bots;
    expect(bot).toMatchObject({ botId: APP_ID, scopes: ["personal", "team", "groupChat"] });
    const lists = bot.commandLists as {
      scopes: string[];
      commands: { title: string; description: string }[];
    }[];
    expect(lists.map((l) => l.scopes)).toEqual([["personal"], ["team", "groupChat"]]);
    const personal = lists[0]?.commands ?? [];
    const menu = lists[1]?.commands ?? [];
    const registry = builtinCommands();
    expect(personal[0]).toEqual({ title: "help", description: registry[0]?.summary });
    // What the README tells people to run, and what approvers and diagnosers need, is offered.
    expect(personal.map((c) => c.title)).toEqual(
      expect.arrayContaining(["whoami", "approve", "why", "explain", "audit"]),
    );
    expect(menu.map((c) => c.title)).toEqual(
      expect.arrayContaining(["whoami", "approve", "why", "explain", "audit", "pause", "resume"]),
    );
    for (const command of [...personal, ...menu]) {
      const source = registry.find((c) => c.name === command.title);
      expect(source?.summary.startsWith(command.description.replace(/…$/, ""))).toBe(true);
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
    for (const list of lists) expect(list.commands.length).toBe(10);
    expect(manifest.developer).toMatchObject({
      privacyUrl: "https://switchboard.example.com/privacy",
      termsOfUseUrl: "https://switchboard.example.com/terms",
    });
    expect(pngInfo(files.get("color.png") ?? Buffer.alloc(0))).toEqual({
      width: 192,
      height: 192,
      hasAlpha: true,
    });
    expect(pngInfo(files.get("outline.png") ?? Buffer.alloc(0))).toEqual({
      width: 32,
      height: 32,
      hasAlpha: true,
    });
  });

  it("keeps the committed outline icon a 32×32 PNG with a transparent background channel", () => {
    const data = readFileSync(path.join(ROOT, "teams/outline.png"));
    expect(pngInfo(data)).toEqual({ width: 32, height: 32, hasAlpha: true });
  });

  it("refuses clearly without MICROSOFT_APP_ID (and the host), writing nothing", async () => {
    const output = tmp.file("refused/switchboard-teams.zip");
    const run = await teamsPackage(["--output", output], {});
    expect(run.code).toBe(78);
    expect(run.out).toContain(
      "MICROSOFT_APP_ID: the Teams app package names the bot by its Microsoft App ID",
    );
    expect(run.out).toContain("TEAMS_PUBLIC_HOST:");
    expect(existsSync(output)).toBe(false);
  });

  it("writes to dist/teams/switchboard-teams.zip by default", () => {
    expect(DEFAULT_OUTPUT).toBe(path.join("dist", "teams", "switchboard-teams.zip"));
  });
});
