/**
 * The Teams app manifest (schema 1.16): the static parts come from teams/manifest.template.json,
 * which the operator may edit (names, descriptions, developer); the bot id, the command menu and
 * the valid domain come from configuration and the core's command registry, so they cannot drift.
 */
import type { CommandDefinition } from "../../../core/dispatch/command.js";

const MANIFEST_VERSION = "1.16";
const MANIFEST_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Teams shows at most ten commands per scope, titles up to 32 characters, descriptions up to 128. */
const MAX_COMMANDS = 10;
const MAX_TITLE = 32;
const MAX_DESCRIPTION = 128;
/**
 * Teams allows ten commands per scope, so each scope gets its own list of what people there do
 * most. A personal chat is for looking things up (and where the README sends people for `whoami`);
 * a team channel or group chat is where changes are made and approved in view of others. Every
 * command can still be typed; `help` lists them all.
 */
export const MENU: Readonly<Record<"personal" | "shared", readonly string[]>> = {
  personal: [
    "help",
    "whoami",
    "list",
    "status",
    "why",
    "explain",
    "approvals",
    "approve",
    "audit",
    "org test",
  ],
  shared: ["list", "status", "pause", "resume", "approve", "approvals", "why", "explain", "audit", "whoami"],
};

export interface ManifestInput {
  /** teams/manifest.template.json, parsed. */
  template: Record<string, unknown>;
  /** The Azure Bot's Microsoft App ID, used as the Teams app id too. */
  appId: string;
  /** Where switchboard serve is reachable (the messaging endpoint's host). */
  host: string;
  /** The app's version (x.y.z): Teams requires a higher one for each update. */
  version: string;
  commands: readonly CommandDefinition[];
}

export interface BotCommand {
  title: string;
  description: string;
}

/** One scope's command menu: the named commands, described by the registry (unknown names are skipped). */
export function menuCommands(commands: readonly CommandDefinition[], names: readonly string[]): BotCommand[] {
  return names
    .flatMap((name) => commands.filter((c) => c.name === name))
    .slice(0, MAX_COMMANDS)
    .map((c) => ({ title: clip(c.name, MAX_TITLE), description: clip(c.summary, MAX_DESCRIPTION) }));
}

export function buildManifest(input: ManifestInput): Record<string, unknown> {
  const withHost = JSON.parse(JSON.stringify(input.template).replaceAll("{{host}}", input.host)) as Record<
    string,
    unknown
  >;
  return {
    ...withHost,
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: input.version,
    id: input.appId,
    icons: { color: "color.png", outline: "outline.png" },
    bots: [
      {
        botId: input.appId,
        scopes: ["personal", "team", "groupChat"],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ["personal"], commands: menuCommands(input.commands, MENU.personal) },
          { scopes: ["team", "groupChat"], commands: menuCommands(input.commands, MENU.shared) },
        ],
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    validDomains: [input.host],
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
