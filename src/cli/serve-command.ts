/**
 * `switchboard serve`: the chat surfaces behind one HTTP server (Slack at /slack/events, Teams at
 * /api/messages, health at /healthz and /readyz, Prometheus metrics at /metrics), on the configured
 * database and Genesys. Either surface may be left out, not both. Runs until SIGTERM or SIGINT,
 * then shuts down gracefully: readiness fails first, the server stops accepting and lets requests in
 * flight finish, work still running after Slack's ack or Teams' answer completes, and the database
 * closes last.
 */
import { ConfigError, loadConfig } from "../config.js";
import { buildSlack, buildTeams, serveRoutes } from "../main.js";
import { startHttpServer } from "../server/http-server.js";
import { parseCli } from "./args.js";
import { openConfiguredApp } from "./configured-app.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";

const USAGE = "switchboard serve [--port 3000] [--host 0.0.0.0] [--genesys-url URL]";

/** How long in-flight requests, then in-flight Slack and Teams work, may take to finish on shutdown. */
const GRACE_MS = 10_000;
const DRAIN_MS = 60_000;

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli(
    argv,
    {
      port: { type: "string", default: "3000" },
      host: { type: "string" },
      "genesys-url": { type: "string" },
    },
    USAGE,
  );
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`, `Usage: ${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not "${values.port}".`, `Usage: ${USAGE}`);
  const config = loadConfig(io.env, { genesysSimulatorUrl: values["genesys-url"] });
  const slackConfig = config.slack;
  const teamsConfig = config.teams;
  if (!slackConfig && !teamsConfig) {
    throw new ConfigError([
      'SLACK_BOT_TOKEN or SLACK_CLIENT_ID: Slack is not configured, and neither is Teams (MICROSOFT_APP_ID, or TEAMS_ALLOW_ANONYMOUS=true for local development): serve has nothing to serve. See README "Run it in Slack" and "Run it in Teams".',
    ]);
  }
  const host = listenHost(values.host, teamsConfig?.auth.kind === "anonymous");
  const { app, notes } = await openConfiguredApp(config, "info", undefined, io.logs, true);
  let shuttingDown = false;
  try {
    for (const note of notes) io.stderr.write(`${note}\n`);
    const slack = slackConfig ? await buildSlack(app, slackConfig) : undefined;
    const teams = teamsConfig ? await buildTeams(app, teamsConfig) : undefined;
    const server = await startHttpServer({
      host,
      port,
      routes: serveRoutes(app, { slack, teams, shuttingDown: () => shuttingDown }),
      logger: app.services.logger,
    });
    await slack?.start();
    // Scheduled resumes (`pause … --for`): every replica polls; the database lets one run each.
    app.startScheduler();
    // Campaign alerts for watched campaigns: one listener per org across replicas (a lease each).
    if (config.alerts) await app.startAlerts();
    const where: string[] = [];
    if (slack && slackConfig)
      where.push(
        slackConfig.mode === "http"
          ? `Slack at ${server.url}/slack/events${slack.paths.length > 1 ? " (install at /slack/install)" : ""}`
          : "Slack over Socket Mode",
      );
    if (teams && teamsConfig)
      where.push(
        `Teams at ${server.url}/api/messages${teamsConfig.auth.kind === "anonymous" ? " (ANONYMOUS: no Bot Connector token check, local development only)" : ""}`,
      );
    io.stdout.write(
      `Switchboard serving on ${server.url}: ${where.join("; ")}; health at /healthz and /readyz, metrics at /metrics. SIGTERM or Ctrl-C stops it.\n`,
    );
    const signal = await new Promise<string>((resolve) => {
      process.once("SIGTERM", () => resolve("SIGTERM"));
      process.once("SIGINT", () => resolve("SIGINT"));
    });
    shuttingDown = true;
    app.services.logger.info({ signal }, "shutting down");
    await server.close(GRACE_MS);
    await Promise.all([slack?.stop(DRAIN_MS), teams?.stop(DRAIN_MS)]);
    io.stdout.write("Stopped.\n");
    // A Slack or Teams call still waiting out a retry must not keep a stopped server alive; the timer is
    // unref'd, so it fires only if something else still holds the process open.
    setTimeout(() => process.exit(process.exitCode ?? 0), 5_000).unref();
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Anonymous Teams verifies no caller, so whoever reaches the port is any Teams user: it listens on
 * loopback only (127.0.0.1 by default; another host is refused). Otherwise all interfaces by default.
 */
export function listenHost(requested: string | undefined, anonymousTeams: boolean): string {
  if (!anonymousTeams) return requested ?? "0.0.0.0";
  if (requested === undefined) return "127.0.0.1";
  const h = requested
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h)) return requested;
  throw new UsageError(
    `--host ${requested} is not loopback, and TEAMS_ALLOW_ANONYMOUS=true checks no Bot Connector token: anyone reaching it would be any Teams user.`,
    "Leave --host unset (127.0.0.1) for local development, or configure MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to serve on a network.",
  );
}
