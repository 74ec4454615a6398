/**
 * `switchboard keys rotate [--apply]`: after a new SWITCHBOARD_MASTER_KEY is set (the old one moved to
 * SWITCHBOARD_OLD_MASTER_KEYS), re-seals every org client secret and Slack installation under the
 * new key, so the old key can then be removed. A dry run by default: it says what would be re-sealed.
 * Audited; never prints a secret.
 */
import { parseCli } from "./args.js";
import { openConfiguredApp } from "./configured-app.js";
import type { CliIo } from "./io.js";
import { readConfig } from "./read-config.js";
import { UsageError } from "./usage-error.js";

const USAGE = "switchboard keys rotate [--apply]";

export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(argv, { apply: { type: "boolean", default: false } }, USAGE);
  if (positionals[0] !== "rotate" || positionals.length > 1)
    throw new UsageError(
      positionals[0] ? `unknown keys action "${positionals.join(" ")}".` : "keys needs an action.",
      `Usage: ${USAGE}`,
    );
  const config = await readConfig(io.env);
  const { app, notes } = await openConfiguredApp(config, undefined, undefined, io.logs);
  try {
    for (const note of notes) io.stderr.write(`${note}\n`);
    const { orgs, slackInstallations } = app.store;
    if (!values.apply) {
      const [secrets, installs] = await Promise.all([orgs.countStale(), slackInstallations.countStale()]);
      io.stdout.write(
        `Dry run: ${secrets} org secret${secrets === 1 ? "" : "s"} and ${installs} Slack installation${installs === 1 ? "" : "s"} are sealed with an older key.\n` +
          (secrets + installs
            ? "Re-seal them under the current key with: switchboard keys rotate --apply\n"
            : "Nothing to do.\n"),
      );
      return 0;
    }
    const secrets = await orgs.resealSecrets();
    const installs = await slackInstallations.resealAll();
    await app.services.audit.append({
      actor: `cli:${config.osUser ?? "unknown"}`,
      platform: "cli",
      channel: "cli",
      action: "keys.rotate",
      outcome: "success",
      detail: { orgSecrets: secrets, slackInstallations: installs },
    });
    io.stdout.write(
      `Re-sealed ${secrets} org secret${secrets === 1 ? "" : "s"} and ${installs} Slack installation${installs === 1 ? "" : "s"} under the current master key.\n` +
        "Once every replica runs with it, the old key can leave SWITCHBOARD_OLD_MASTER_KEYS (keep it while it must still verify older audit rows, unless SWITCHBOARD_AUDIT_KEY is set).\n",
    );
    return 0;
  } finally {
    await app.close();
  }
}
