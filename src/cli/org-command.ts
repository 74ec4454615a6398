/**
 * `switchboard org link|unlink|list|automap`: admin work on the configured database. The client secret is
 * read from stdin only: argv ends up in shell history and `ps`, chat messages in logs.
 */

import { runExec } from "../adapters/shell/exec.js";
import { setOrgAutomap } from "../core/identity/automap-setting.js";
import { isAppError } from "../core/kernel/errors.js";
import { linkOrg, ORG_SLUG } from "../core/orgs/org-link.js";
import type { CoreServices } from "../core/services.js";
import { isRegion, REGIONS } from "../genesys/regions.js";
import { parseCli } from "./args.js";
import { openConfiguredApp } from "./configured-app.js";
import { adminDatabase } from "./database.js";
import type { CliIo } from "./io.js";
import { readConfig } from "./read-config.js";
import { readSecret } from "./read-secret.js";
import { UsageError } from "./usage-error.js";

const LINK_USAGE =
  "switchboard org link <slug> --region REGION --client-id ID --client-secret-stdin [--name NAME] [--genesys-url URL]";
const AUTOMAP_USAGE = "switchboard org automap <slug> on|off";
const USAGE = `${LINK_USAGE}\n       switchboard org unlink <slug>\n       switchboard org list\n       ${AUTOMAP_USAGE}\n(each takes [--fixture FILE | --live]: see switchboard --help)`;

export async function orgCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    {
      region: { type: "string" },
      "client-id": { type: "string" },
      "client-secret-stdin": { type: "boolean" },
      "client-secret": { type: "string" },
      name: { type: "string" },
      "genesys-url": { type: "string" },
      fixture: { type: "string" },
      live: { type: "boolean" },
    },
    USAGE,
  );
  const [action, slugArg, setting] = positionals;
  const config = await readConfig(io.env, { genesysSimulatorUrl: values["genesys-url"] });
  const db = adminDatabase(config, values);
  io.stderr.write(`Database: ${db.label}\n`);
  const { app, notes } = await openConfiguredApp(config, undefined, db.url, io.logs, false, db.workspace);
  try {
    for (const note of notes) io.stderr.write(`${note}\n`);
    if (action === "list") {
      return await runExec({
        dispatcher: app.dispatcher,
        text: "org list",
        user: "cli",
        write: (t) => io.stdout.write(t),
        color: false,
        json: false,
      });
    }
    if (action === "automap") return await automap(app.services, io, slugArg, setting, config.osUser);
    if (action !== "link" && action !== "unlink")
      throw new UsageError(
        action ? `unknown org action "${action}".` : "org needs an action.",
        `Usage: ${USAGE}`,
      );
    const slug = (slugArg ?? "").toLowerCase();
    if (!ORG_SLUG.test(slug))
      throw new UsageError(
        `"${slugArg ?? ""}" is not a valid org slug (lowercase letters, digits and dashes, up to 32).`,
        `Usage: ${USAGE}`,
      );
    if (action === "unlink") {
      const removed = await app.services.orgs.unlink(slug);
      app.services.genesys.evict(slug);
      io.stdout.write(
        removed
          ? `Unlinked ${slug}. Its audit history and user mappings are kept.\n`
          : `No org called ${slug} is linked.\n`,
      );
      return removed ? 0 : 1;
    }
    if (values["client-secret"] !== undefined) {
      throw new UsageError(
        "never pass a client secret as an argument: it lands in shell history and the process list.",
        `Pipe it instead: printf %s "$SECRET" | ${LINK_USAGE}`,
      );
    }
    const region = values.region ?? "";
    if (!isRegion(region))
      throw new UsageError(
        `--region "${region}" is not a Genesys Cloud region.`,
        `Regions: ${REGIONS.join(", ")}`,
      );
    const clientId = values["client-id"];
    if (!clientId) throw new UsageError("--client-id is required.", `Usage: ${LINK_USAGE}`);
    if (!values["client-secret-stdin"])
      throw new UsageError(
        "--client-secret-stdin is required (the secret is read from standard input).",
        `Usage: ${LINK_USAGE}`,
      );
    const clientSecret = await readSecret(io.stdin, io.stderr, "Client secret (input hidden): ");
    if (!clientSecret)
      throw new UsageError(
        "no client secret arrived on standard input.",
        `Pipe it in: printf %s "$SECRET" | ${LINK_USAGE}`,
      );
    const result = await linkOrg(
      app.services,
      { slug, region, clientId, clientSecret, name: values.name },
      { id: `cli:${config.osUser ?? "unknown"}`, platform: "cli", channel: "cli" },
    );
    if (!result.ok) {
      io.stderr.write(`${result.message}\n${result.hint}\nNothing was linked.\n`);
      return 1;
    }
    const { org, organization } = result;
    io.stdout.write(
      `Linked ${org.slug} → ${organization.name} (${organization.id}) in ${region} with client ${clientId}.\nTry: switchboard exec --live "org test ${org.slug}"\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

async function automap(
  services: CoreServices,
  io: CliIo,
  slugArg: string | undefined,
  setting: string | undefined,
  osUser: string | undefined,
): Promise<number> {
  const slug = (slugArg ?? "").toLowerCase();
  if (!ORG_SLUG.test(slug) || (setting !== "on" && setting !== "off"))
    throw new UsageError("org automap needs an org and on or off.", `Usage: ${AUTOMAP_USAGE}`);
  try {
    const { changed } = await setOrgAutomap(services, slug, setting === "on", {
      actor: `cli:${osUser ?? "unknown"}`,
      platform: "cli",
      channel: "cli",
    });
    const state = changed ? `is now ${setting}` : `was already ${setting}`;
    io.stdout.write(
      setting === "on"
        ? `Automap ${state} in ${slug}: an unmapped Slack or Teams user whose email their chat platform has verified is mapped to the one active Genesys user with that email when they first run a command there. Each mapping is audited (user.automap) and undone with: switchboard user unmap <identity> ${slug}\n`
        : `Automap ${state} in ${slug}: chat users are mapped only by an admin (user map, user import). Mappings already made stay.\n`,
    );
    return 0;
  } catch (e) {
    if (!isAppError(e)) throw e;
    io.stderr.write(`${e.message}\n${e.hint ?? ""}\n`);
    return 1;
  }
}
