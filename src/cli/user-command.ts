/**
 * `switchboard user map|unmap|list` (and `import`, in user-import-command.ts): which Genesys user or role a chat identity acts as in an org.
 * Admin work on the configured database, like `org link`; every change is verified against Genesys
 * through the org's OAuth client and audited.
 */
import { renderReply } from "../adapters/shell/render.js";
import { resolveOrg } from "../core/campaigns/resolve-org.js";
import { type GenesysTarget, mapChatIdentity, unmapChatIdentity } from "../core/identity/identity-mapping.js";
import { reply } from "../core/kernel/reply.js";
import { describeAccess } from "../core/permissions/describe-access.js";
import { genesysIdentityLabel } from "../core/permissions/identity-grants.js";
import type { App } from "../main.js";
import { parseCli } from "./args.js";
import { parseChatIdentity } from "./chat-identity.js";
import { openConfiguredApp } from "./configured-app.js";
import { adminDatabase } from "./database.js";
import type { CliIo } from "./io.js";
import { readConfig } from "./read-config.js";
import { UsageError } from "./usage-error.js";
import { IMPORT_USAGE, userImportCommand } from "./user-import-command.js";
import { userLinkCommand } from "./user-link-command.js";

const MAP_USAGE =
  'switchboard user map <identity> <org> (--genesys-user EMAIL|ID | --genesys-role "NAME") [--genesys-url URL]';
const USAGE = `${MAP_USAGE}\n       switchboard user unmap <identity> <org>\n       switchboard user list [--org SLUG]\n       switchboard user link|unlink <identity> <identity>\n       ${IMPORT_USAGE}\n(each takes [--fixture FILE | --live]: see switchboard --help)\n<identity>: slack:<team>:<user>, teams:<tenant>:<aad-object-id>, shell:<name> or a bare shell name`;
const SLUG = /^[a-z0-9][a-z0-9-]{0,31}$/;

export async function userCommand(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "link" || first === "unlink") return userLinkCommand(first, rest, io);
  if (first === "import") return userImportCommand(rest, io);
  const { values, positionals } = parseCli(
    argv,
    {
      "genesys-user": { type: "string" },
      "genesys-role": { type: "string" },
      org: { type: "string" },
      "genesys-url": { type: "string" },
      fixture: { type: "string" },
      live: { type: "boolean" },
    },
    USAGE,
  );
  const [action, identityArg, slugArg, ...extra] = positionals;
  if (action !== "map" && action !== "unmap" && action !== "list")
    throw new UsageError(
      action ? `unknown user action "${action}".` : "user needs an action.",
      `Usage: ${USAGE}`,
    );
  // Argument mistakes are reported before the database is opened.
  const request = action === "list" ? null : parseChange(action, identityArg, slugArg, extra, values);
  const config = await readConfig(io.env, { genesysSimulatorUrl: values["genesys-url"] });
  const db = adminDatabase(config, values);
  io.stderr.write(`Database: ${db.label}\n`);
  const { app, notes } = await openConfiguredApp(config, undefined, db.url, io.logs, false, db.workspace);
  try {
    for (const note of notes) io.stderr.write(`${note}\n`);
    if (!request) return await listMappings(app, values.org?.toLowerCase(), positionals.slice(1), io);
    const author = { actor: `cli:${config.osUser ?? "unknown"}`, platform: "cli", channel: "cli" };
    if (request.kind === "unmap") {
      const removed = await unmapChatIdentity(app.services, request.slug, request.identity, author);
      io.stdout.write(
        removed
          ? `Unmapped ${request.identity} in ${request.slug} (was ${genesysIdentityLabel(removed.genesys)}).\n`
          : `${request.identity} is not mapped in ${request.slug}; nothing to do.\n`,
      );
      return removed ? 0 : 1;
    }
    const org = await resolveOrg(app.services.orgs, request.slug, { allowBroken: true });
    const result = await mapChatIdentity(app.services, org, request.identity, request.target, author);
    const label = genesysIdentityLabel(result.mapping.genesys);
    const was = result.previous ? ` (was ${genesysIdentityLabel(result.previous.genesys)})` : "";
    io.stdout.write(
      `Mapped ${request.identity} in ${org.slug} → ${label} (${result.genesysName})${was}.\nCampaign permissions: ${describeAccess(result.access)}.\n`,
    );
    if (!result.access.allowed) io.stderr.write(`Warning: ${result.access.message}\n${result.access.hint}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

type Change =
  | { kind: "map"; identity: string; slug: string; target: GenesysTarget }
  | { kind: "unmap"; identity: string; slug: string };

function parseChange(
  action: "map" | "unmap",
  identityArg: string | undefined,
  slugArg: string | undefined,
  extra: string[],
  values: { "genesys-user"?: string; "genesys-role"?: string },
): Change {
  const usage = action === "map" ? MAP_USAGE : "switchboard user unmap <identity> <org>";
  if (!identityArg || !slugArg)
    throw new UsageError(`user ${action} needs <identity> and <org>.`, `Usage: ${usage}`);
  if (extra.length)
    throw new UsageError(
      `user ${action} does not take "${extra.join(" ")}".`,
      `Usage: ${usage} (quote role names with spaces)`,
    );
  const identity = parseChatIdentity(identityArg);
  const slug = slugArg.toLowerCase();
  if (!SLUG.test(slug))
    throw new UsageError(
      `"${slugArg}" is not a valid org slug.`,
      "Linked orgs are listed by: switchboard org list",
    );
  if (action === "unmap") {
    if (values["genesys-user"] !== undefined || values["genesys-role"] !== undefined)
      throw new UsageError("user unmap takes no --genesys-user or --genesys-role.", `Usage: ${usage}`);
    return { kind: "unmap", identity, slug };
  }
  const user = values["genesys-user"]?.trim();
  const role = values["genesys-role"]?.trim();
  if ((user ? 1 : 0) + (role ? 1 : 0) !== 1)
    throw new UsageError(
      "user map needs exactly one of --genesys-user or --genesys-role.",
      `Usage: ${usage}\nA user brings their own grants (role × division); a role applies in every division.`,
    );
  return {
    kind: "map",
    identity,
    slug,
    target: user ? { kind: "user", ref: user } : { kind: "role", name: role ?? "" },
  };
}

async function listMappings(app: App, org: string | undefined, extra: string[], io: CliIo): Promise<number> {
  if (extra.length)
    throw new UsageError(
      `user list does not take "${extra.join(" ")}".`,
      "Usage: switchboard user list [--org SLUG]",
    );
  const all = await app.services.identities.list();
  const rows = all
    .filter((m) => !org || m.orgSlug === org)
    .sort((a, b) => a.chatIdentity.localeCompare(b.chatIdentity) || a.orgSlug.localeCompare(b.orgSlug))
    .map((m) => [
      m.chatIdentity,
      m.orgSlug,
      genesysIdentityLabel(m.genesys),
      m.createdBy,
      m.createdAt.toISOString().replace("T", " ").slice(0, 16),
    ]);
  const out = rows.length
    ? reply({
        title: `${rows.length} mapping${rows.length === 1 ? "" : "s"}${org ? ` in ${org}` : ""}`,
        blocks: [
          {
            type: "table",
            columns: [
              { header: "Chat identity" },
              { header: "Org" },
              { header: "Genesys identity" },
              { header: "Mapped by" },
              { header: "Mapped at (UTC)" },
            ],
            rows,
          },
        ],
      })
    : reply({
        blocks: [
          { type: "text", text: `No chat identities are mapped${org ? ` in ${org}` : ""} yet.` },
          { type: "hint", text: "Map one with:", command: MAP_USAGE },
        ],
      });
  io.stdout.write(`${renderReply(out, { color: false })}\n`);
  return 0;
}
