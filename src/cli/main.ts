/**
 * The `switchboard` command. Each subcommand lives in its own module; this file only routes argv
 * and turns start-up failures into a clear message and exit code.
 */
import { ConfigError } from "../config.js";
import { isAppError } from "../core/errors.js";
import { auditCliCommand } from "./audit-command.js";
import { dbCommand } from "./db-command.js";
import { keysCommand } from "./keys-command.js";
import { orgCommand } from "./org-command.js";
import { serveCommand } from "./serve-command.js";
import { execCommand, shellCommand } from "./session-commands.js";
import { simCommand } from "./sim-command.js";
import { UsageError } from "./usage-error.js";
import { userCommand } from "./user-command.js";

const USAGE = `switchboard — pause and resume Genesys Cloud outbound campaigns from chat

Usage:
  switchboard shell [--as NAME] [--fixture FILE] [--reset] [--genesys-url URL] [--live]
  switchboard exec  [--as NAME] [--fixture FILE] [--reset] [--genesys-url URL] [--live] [--json] "<command>"
  switchboard serve [--port 3000] [--host 0.0.0.0] [--genesys-url URL]
  switchboard sim   [--port 8089] [--host 127.0.0.1] [--fixture FILE] [--state FILE]
  switchboard org   link <slug> --region REGION --client-id ID --client-secret-stdin [--name NAME] [--genesys-url URL]
  switchboard org   unlink <slug> | list
  switchboard user  map <identity> <org> (--genesys-user EMAIL|ID | --genesys-role "NAME") [--genesys-url URL]
  switchboard user  unmap <identity> <org> | list [--org SLUG]
  switchboard user  link <identity> <identity> | unlink <identity> <identity>
  switchboard keys  rotate [--apply]
  switchboard audit verify [--anchor CHECKPOINT|FILE] | checkpoint | export [--format csv|jsonl] [--org SLUG] [--output FILE]
  switchboard db    deploy | status

org, user, audit and db take [--fixture FILE | --live] and work on DATABASE_URL, or else on the
workspace shell and exec use (the demo's, or that fixture's), or with --live on the file serve and
--live use; each says which database it opened.

shell and exec run against the embedded Genesys simulator seeded with the demo orgs (or --fixture),
in a database of their own under .switchboard/. --live uses DATABASE_URL and real Genesys Cloud.
serve runs the Slack app (SLACK_* settings) and/or the Teams bot (MICROSOFT_APP_* / TEAMS_*) with
/healthz, /readyz and /metrics on the configured database.
Run "switchboard exec help" for the chat commands.`;

type Handler = (argv: string[]) => Promise<number>;

const HANDLERS: Record<string, Handler> = {
  shell: shellCommand,
  exec: execCommand,
  serve: serveCommand,
  sim: simCommand,
  org: orgCommand,
  user: userCommand,
  audit: auditCliCommand,
  db: dbCommand,
  keys: keysCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [sub = "shell", ...rest] = argv;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const handler = HANDLERS[sub];
  if (!handler) {
    process.stderr.write(`switchboard: unknown command "${sub}".\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await handler(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`switchboard ${sub}: ${e.message}\n${e.hint ? `${e.hint}\n` : ""}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`switchboard: ${e.message}\nSee .env.example for every setting.\n`);
      return 78; // EX_CONFIG
    }
    if (isAppError(e)) {
      const details = e.details.map((d) => `${d}\n`).join("");
      process.stderr.write(`switchboard ${sub}: ${e.userMessage}\n${details}${e.hint ? `${e.hint}\n` : ""}`);
      return 1;
    }
    process.stderr.write(`switchboard ${sub}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
