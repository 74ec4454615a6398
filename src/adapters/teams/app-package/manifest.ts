/**
 * The Teams app manifest (schema 1.16): the static parts come from teams/manifest.template.json,
 * which the operator may edit (names, descriptions, developer); the bot id, the command menu and
 * the valid domain come from configuration and the core's command registry, so they cannot drift.
 */
import type { CommandDefinition } from "../../../core/command.js";

export const MANIFEST_VERSION = "1.16";
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Teams shows at most ten commands per scope, titles up to 32 characters, descriptions up to 128. */
const MAX_COMMANDS = 10;
const MAX_TITLE = 32;
const MAX_DESCRIPTION = 128;
/** The approval card's buttons do these; the menu has room for ten. */
const CARD_COMMANDS = new Set(["approve", "deny"]);

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

/** The command menu Teams offers in the compose box: the registry's commands, in help order. */
export function menuCommands(commands: readonly CommandDefinition[]): BotCommand[] {
  return commands
    .filter((c) => !CARD_COMMANDS.has(c.name))
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
        commandLists: [{ scopes: ["personal", "team", "groupChat"], commands: menuCommands(input.commands) }],
      },
    ],
    permissions: ["identity", "messageTeamMembers"],
    validDomains: [input.host],
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
