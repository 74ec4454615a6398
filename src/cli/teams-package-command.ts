/**
 * `npm run teams:package`: builds the Teams app package (dist/teams/switchboard-teams.zip) from
 * configuration: the bot's app id (MICROSOFT_APP_ID), the host serving /api/messages
 * (TEAMS_PUBLIC_HOST), the chat commands of the core's registry, and teams/ (manifest template,
 * icons, shipped as files: replace them with your own artwork of the same sizes).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildTeamsPackage } from "../adapters/teams/app-package/build-package.js";
import { MENU, menuCommands } from "../adapters/teams/app-package/manifest.js";
import { ConfigError, loadTeamsPackageConfig } from "../config.js";
import { builtinCommands } from "../core/commands/index.js";
import { parseCli } from "./args.js";
import { UsageError } from "./usage-error.js";

const USAGE = "npm run teams:package [-- --output FILE]";
const ROOT = path.resolve(import.meta.dirname, "../..");
const TEAMS_SOURCES = path.join(ROOT, "teams");
export const DEFAULT_OUTPUT = path.join("dist", "teams", "switchboard-teams.zip");

export async function teamsPackageCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    {
      output: { type: "string", default: DEFAULT_OUTPUT },
    },
    USAGE,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const { appId, publicHost } = loadTeamsPackageConfig(env);
  const missing: string[] = [];
  if (!appId)
    missing.push(
      "MICROSOFT_APP_ID: the Teams app package names the bot by its Microsoft App ID (Azure Bot → Configuration); set it to build the package.",
    );
  if (!publicHost)
    missing.push(
      "TEAMS_PUBLIC_HOST: the host name serving https://HOST/api/messages (e.g. switchboard.example.com), listed as the app's valid domain.",
    );
  if (!appId || !publicHost) throw new ConfigError(missing);
  const commands = builtinCommands();
  const built = buildTeamsPackage({
    sourcesDir: TEAMS_SOURCES,
    appId,
    host: publicHost,
    version: packageVersion(),
    commands,
  });
  const output = path.resolve(values.output);
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, built.zip);
  const personal = menuCommands(commands, MENU.personal).map((c) => c.title);
  const shared = menuCommands(commands, MENU.shared).map((c) => c.title);
  process.stdout.write(
    `Wrote ${path.relative(process.cwd(), output) || output} (bot ${appId}; command menu in personal chats: ${personal.join(", ")}; in teams and group chats: ${shared.join(", ")}).\n` +
      `Upload it in Teams: Apps → Manage your apps → Upload an app (or the Teams admin center). See README "Run it in Teams".\n`,
  );
  return 0;
}

/** The app's version in the manifest: package.json's, which Teams needs raised for each update. */
function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const version =
    typeof pkg === "object" && pkg !== null ? (pkg as Record<string, unknown>).version : undefined;
  return typeof version === "string" && /^\d+\.\d+\.\d+$/.test(version) ? version : "1.0.0";
}
