/**
 * `switchboard --help`, `switchboard <command> --help` and `--version`. Plain strings and one small
 * file read: answering them must not load the app (Prisma, Bolt, yaml…), so this module imports
 * nothing of ours.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface CommandHelp {
  usage: string[];
  about: string;
  options?: string[];
}

/** One entry per subcommand; the keys are also what `main` routes. */
export const COMMAND_HELP: Record<string, CommandHelp> = {
  shell: {
    usage: ["switchboard shell [--as NAME] [--fixture FILE] [--reset] [--genesys-url URL] [--live]"],
    about: "The interactive shell: chat commands typed at a prompt (the default command).",
    options: [
      "--as NAME          act as this demo/shell user (default sam); :as NAME switches inside",
      "--fixture FILE     seed the embedded simulator from this fixture instead of the demo",
      "--reset            start over: new simulator state and database",
      "--genesys-url URL  use a running simulator (switchboard sim) instead of the embedded one",
      "--live             DATABASE_URL and real Genesys Cloud (no --fixture/--reset)",
    ],
  },
  exec: {
    usage: [
      'switchboard exec [--as NAME] [--fixture FILE] [--reset] [--genesys-url URL] [--live] [--json] "<command>"',
    ],
    about:
      'Runs one chat command and exits (0 done, 1 refused or failed). "switchboard exec help" lists the chat commands.',
    options: [
      "--as NAME          run as this user (default sam)",
      "--fixture FILE     seed the embedded simulator from this fixture instead of the demo",
      "--reset            start over: new simulator state and database",
      "--genesys-url URL  use a running simulator (switchboard sim) instead of the embedded one",
      "--live             DATABASE_URL and real Genesys Cloud",
      "--json             print the reply as JSON",
    ],
  },
  serve: {
    usage: ["switchboard serve [--port 3000] [--host 0.0.0.0] [--genesys-url URL]"],
    about:
      "Runs the Slack app (SLACK_* settings) and/or the Teams bot (MICROSOFT_APP_* / TEAMS_*) with /healthz, /readyz and /metrics on the configured database.",
  },
  sim: {
    usage: [
      "switchboard sim [--port 8089] [--host 127.0.0.1] [--fixture FILE] [--state FILE]",
      'switchboard sim event <org> "<campaign>" <status> [--genesys-url URL] [--error TEXT]',
    ],
    about:
      "Runs the Genesys Cloud simulator on its own (the demo orgs, or --fixture); `sim event` changes a campaign in a running one as the Genesys UI, a rule or an error would (try alerts: watch it in the shell).",
  },
  org: {
    usage: [
      "switchboard org link <slug> --region REGION --client-id ID --client-secret-stdin [--name NAME] [--genesys-url URL]",
      "switchboard org unlink <slug>",
      "switchboard org list",
    ],
    about: "Links a Genesys Cloud org with its own OAuth client (the secret is read from stdin and sealed).",
  },
  user: {
    usage: [
      'switchboard user map <identity> <org> (--genesys-user EMAIL|ID | --genesys-role "NAME") [--genesys-url URL]',
      "switchboard user unmap <identity> <org>",
      "switchboard user list [--org SLUG]",
      "switchboard user link|unlink <identity> <identity>",
      "switchboard user import FILE.csv [--org SLUG] [--apply]",
    ],
    about:
      "Maps a chat identity (slack:<team>:<user>, teams:<tenant>:<aad-object-id>, shell:<name>) to a Genesys user or role per org; import maps a CSV of them (a dry run until --apply).",
  },
  audit: {
    usage: [
      "switchboard audit verify [--anchor CHECKPOINT|FILE]",
      "switchboard audit checkpoint",
      "switchboard audit export [--format csv|jsonl] [--org SLUG] [--output FILE]",
    ],
    about:
      "Checks the audit log's keyed hash chain (against signed checkpoints with --anchor), writes a signed checkpoint of its head, or exports it.",
  },
  db: {
    usage: ["switchboard db deploy", "switchboard db status"],
    about: "Applies or lists the database migrations (DATABASE_URL).",
  },
  keys: {
    usage: ["switchboard keys rotate [--apply]"],
    about:
      "Re-seals org secrets and Slack installations under the current master key (a dry run unless --apply; audited).",
  },
};

export function topLevelHelp(): string {
  const lines = Object.values(COMMAND_HELP).flatMap((h) => h.usage.map((u) => `  ${u}`));
  return `switchboard ${version()} — pause and resume Genesys Cloud outbound campaigns from chat

Usage:
${lines.join("\n")}
  switchboard --version
  switchboard <command> --help

shell and exec run against the embedded Genesys simulator seeded with the demo orgs (or --fixture),
in a database of their own under .switchboard/. --live uses DATABASE_URL and real Genesys Cloud.
serve runs the Slack app and/or the Teams bot on the configured database.
org, user, audit and db take [--fixture FILE | --live]: they work on DATABASE_URL, or else on the
workspace shell and exec use (the demo's, or that fixture's), or with --live on the file serve uses;
each says which database it opened.
Run "switchboard exec help" for the chat commands.`;
}

export function commandHelp(name: string): string | undefined {
  const help = COMMAND_HELP[name];
  if (!help) return undefined;
  const usage = help.usage.map((u, i) => `${i === 0 ? "Usage: " : "       "}${u}`).join("\n");
  const options = help.options ? `\n\nOptions:\n${help.options.map((o) => `  ${o}`).join("\n")}` : "";
  return `${usage}\n\n${help.about}${options}`;
}

/** The version in package.json (one directory above src/ or dist/). */
export function version(): string {
  const file = path.resolve(import.meta.dirname, "../../package.json");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}

/** The close match for a mistyped command ("exce" → "exec"), or undefined. */
export function nearestCommand(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of Object.keys(COMMAND_HELP)) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
