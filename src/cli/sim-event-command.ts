/**
 * `switchboard sim event <org> "<campaign>" <status>`: a change made outside Switchboard (someone in
 * the Genesys UI, a rule, a schedule, an error) in a running `switchboard sim`, through its loopback
 * control channel, so watches and alerts can be tried from a second terminal.
 */
import { CAMPAIGN_EVENT_PATH, CAMPAIGN_STATUSES } from "../genesys-sim/control-channel.js";
import { parseCli } from "./args.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";

const USAGE = `switchboard sim event <org> "<campaign>" <${CAMPAIGN_STATUSES.join("|")}> [--genesys-url URL] [--error TEXT]`;
const DEFAULT_URL = "http://127.0.0.1:8089";

export async function simEventCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    {
      "genesys-url": { type: "string", default: DEFAULT_URL },
      error: { type: "string", multiple: true },
    },
    USAGE,
  );
  const [org, campaign, status, ...extra] = positionals;
  if (!org || !campaign || !status || extra.length)
    throw new UsageError(
      "sim event needs an org, a campaign and a status.",
      `Usage: ${USAGE}\nExample: switchboard sim event acme "Spring Promo" off`,
    );
  if (!(CAMPAIGN_STATUSES as readonly string[]).includes(status))
    throw new UsageError(`"${status}" is not a campaign status.`, `Usage: ${USAGE}`);
  const base = (values["genesys-url"] ?? DEFAULT_URL).replace(/\/+$/, "");
  const errors = values.error?.map((error) => ({ error }));
  let res: Response;
  try {
    res = await fetch(`${base}${CAMPAIGN_EVENT_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ org, campaign, status, ...(errors ? { errors } : {}) }),
    });
  } catch (e) {
    io.stderr.write(
      `No simulator answered at ${base} (${e instanceof Error ? e.message : String(e)}). Start one with: switchboard sim\n`,
    );
    return 1;
  }
  const body = (await res.json().catch(() => ({}))) as {
    message?: string;
    name?: string;
    status?: string;
    version?: number;
  };
  if (!res.ok) {
    io.stderr.write(`The simulator refused: ${body.message ?? `HTTP ${res.status}`}\n`);
    return 1;
  }
  io.stdout.write(`${org} "${body.name ?? campaign}" is now ${body.status} (version ${body.version}).\n`);
  return 0;
}
