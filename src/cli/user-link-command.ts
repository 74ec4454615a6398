/**
 * `switchboard user link|unlink <identityA> <identityB>`: an admin declares two chat identities one
 * person (or takes that back). Four-eyes and approver counts then treat them as one (see
 * core/approvals/person.ts). Audited, since it changes who may approve whom.
 */
import { parseCli } from "./args.js";
import { parseChatIdentity } from "./chat-identity.js";
import { openConfiguredApp } from "./configured-app.js";
import { adminDatabase } from "./database.js";
import type { CliIo } from "./io.js";
import { readConfig } from "./read-config.js";
import { UsageError } from "./usage-error.js";

const LINK_USAGE = "switchboard user link|unlink <identity> <identity> [--fixture FILE | --live]";

export async function userLinkCommand(action: "link" | "unlink", argv: string[], io: CliIo): Promise<number> {
  const { values, positionals: args } = parseCli(
    argv,
    { fixture: { type: "string" }, live: { type: "boolean" } },
    LINK_USAGE,
  );
  if (args.length !== 2)
    throw new UsageError(`user ${action} takes two chat identities.`, `Usage: ${LINK_USAGE}`);
  const [a, b] = args.map(parseChatIdentity) as [string, string];
  if (a === b) throw new UsageError(`both identities are ${a}: there is nothing to ${action}.`);
  const config = await readConfig(io.env);
  // The same database as `user map` and `exec`: a link in another one would not reach the approvals.
  const db = adminDatabase(config, values);
  io.stderr.write(`Database: ${db.label}\n`);
  const { app, notes } = await openConfiguredApp(config, undefined, db.url, io.logs);
  try {
    for (const note of notes) io.stderr.write(`${note}\n`);
    const actor = `cli:${config.osUser ?? "unknown"}`;
    const changed =
      action === "link"
        ? await app.services.identities.link(a, b, actor)
        : await app.services.identities.unlink(a, b);
    await app.services.audit.append({
      actor,
      platform: "cli",
      channel: "cli",
      action: `user.${action}`,
      target: a,
      targetName: b,
      outcome: changed ? "success" : "info",
      detail: { identities: [a, b], changed },
    });
    const text =
      action === "link"
        ? changed
          ? `Linked ${a} and ${b}: one person for approvals (no self-approval, one vote).`
          : `${a} and ${b} were already linked.`
        : changed
          ? `Unlinked ${a} and ${b}.`
          : `${a} and ${b} were not linked.`;
    io.stdout.write(`${text}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
