/**
 * The only reader of the environment. Every setting is validated here once; a bad or missing value
 * stops start-up with a message naming the variable. Command-line flags arrive as `overrides`.
 */
import path from "node:path";
import { z } from "zod";
import { UUID as GUID } from "./core/kernel/uuid.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);

const envSchema = z.object({
  SWITCHBOARD_DATA_DIR: z.string().min(1).default(".switchboard"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .optional(),
  SWITCHBOARD_MASTER_KEY: z.string().min(1).optional(),
  SWITCHBOARD_MASTER_KEY_FILE: z.string().min(1).optional(),
  SWITCHBOARD_OLD_MASTER_KEYS: z.string().optional(),
  SWITCHBOARD_AUDIT_KEY: z.string().min(1).optional(),
  SWITCHBOARD_OLD_AUDIT_KEYS: z.string().optional(),
  SWITCHBOARD_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  SWITCHBOARD_AUDIT_CHECKPOINT_MINUTES: positiveInt(60),
  SWITCHBOARD_AUDIT_CHANNEL: z
    .string()
    .regex(/^(slack|teams):\S+$/, "must be <platform>:<channel id>, like slack:C0123ABCD")
    .optional(),
  GENESYS_SIMULATOR_URL: z.string().url("must be a URL like http://127.0.0.1:8089").optional(),
  SWITCHBOARD_ADMINS: z.string().optional(),
  SWITCHBOARD_POLICY_FILE: z.string().min(1).default("switchboard.policy.yml"),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  SWITCHBOARD_STOP_WAIT_SECONDS: positiveInt(60),
  SWITCHBOARD_POLL_INTERVAL_MS: positiveInt(1000),
  GENESYS_REQUESTS_PER_MINUTE: positiveInt(280),
  // Requests in flight per org; the minute budget above is what Genesys enforces (see RateLimiter).
  GENESYS_MAX_CONCURRENT: positiveInt(64),
  SWITCHBOARD_BULK_CONCURRENCY: positiveInt(4),
  GENESYS_RETRY_BUDGET_SECONDS: positiveInt(300),
  SWITCHBOARD_SCHEDULER_INTERVAL_SECONDS: positiveInt(5),
  SWITCHBOARD_ALERTS: z.enum(["on", "off", ""], "must be on or off").optional(),
  SWITCHBOARD_ALERTS_REFRESH_SECONDS: positiveInt(10),
  SWITCHBOARD_NOT_DIALING_MINUTES: positiveInt(10),
  NO_COLOR: z.string().optional(),
  USER: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_SOCKET_MODE: z
    .enum(["true", "false", "1", "0", ""], "must be true or false")
    .optional()
    .transform((v) => v === "true" || v === "1"),
  SLACK_APP_TOKEN: z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional(),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  SLACK_COMMAND: z
    .string()
    .regex(/^\/[a-z0-9_-]{1,31}$/, "must be a slash command like /campaign")
    .default("/campaign"),
  // Slack's Web API base: GovSlack's is https://slack-gov.com/api/; tests point it at a local stand-in.
  SLACK_API_URL: z
    .string()
    .url("must be a URL like https://slack.com/api/")
    .regex(/\/api\/$/, "must end with /api/ (like https://slack.com/api/)")
    .optional(),
  NODE_ENV: z.string().optional(),
  MICROSOFT_APP_ID: z.string().regex(GUID, "must be the bot's Microsoft App ID (a GUID)").optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z
    .enum(["MultiTenant", "SingleTenant"], "must be MultiTenant or SingleTenant")
    .default("MultiTenant"),
  MICROSOFT_APP_TENANT_ID: z
    .string()
    .regex(GUID, "must be the Microsoft Entra tenant id (a GUID)")
    .optional(),
  TEAMS_ALLOW_ANONYMOUS: z
    .enum(["true", "false", "1", "0", ""], "must be true or false")
    .optional()
    .transform((v) => v === "true" || v === "1"),
  TEAMS_PUBLIC_HOST: z
    .string()
    .regex(
      /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i,
      "must be a host name like switchboard.example.com (no https://, no path)",
    )
    .optional(),
});

/** Slack's variables must make one coherent setup; each problem names the variable to fix. */
const slackRules = (e: z.infer<typeof envSchema>, ctx: z.RefinementCtx): void => {
  const issue = (variable: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [variable], message });
  const configured = e.SLACK_BOT_TOKEN !== undefined || e.SLACK_CLIENT_ID !== undefined;
  if (e.SLACK_BOT_TOKEN && e.SLACK_CLIENT_ID)
    issue(
      "SLACK_CLIENT_ID",
      "set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (installs in several workspaces), not both",
    );
  if (e.SLACK_CLIENT_ID) {
    if (!e.SLACK_CLIENT_SECRET) issue("SLACK_CLIENT_SECRET", "is required with SLACK_CLIENT_ID");
    if (!e.SLACK_STATE_SECRET) issue("SLACK_STATE_SECRET", "is required with SLACK_CLIENT_ID");
    if (e.SLACK_SOCKET_MODE)
      issue("SLACK_SOCKET_MODE", "the OAuth install flow (SLACK_CLIENT_ID) needs HTTP mode: unset it");
  }
  if (!configured) {
    for (const name of ["SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_CLIENT_SECRET"] as const)
      if (e[name]) issue(name, "is set, but Slack needs SLACK_BOT_TOKEN or SLACK_CLIENT_ID too");
    return;
  }
  if (e.SLACK_SOCKET_MODE && !e.SLACK_APP_TOKEN)
    issue("SLACK_APP_TOKEN", "is required when SLACK_SOCKET_MODE is true (an app-level token, xapp-…)");
  if (!e.SLACK_SOCKET_MODE && !e.SLACK_SIGNING_SECRET)
    issue(
      "SLACK_SIGNING_SECRET",
      "is required in HTTP mode (Basic Information → Signing Secret); or set SLACK_SOCKET_MODE=true for local use",
    );
};

/**
 * Teams' variables: an Azure Bot's app id and secret (production: every request's Bot Connector
 * token is verified), or anonymous mode, which verifies nothing and so is for local development
 * only: refused unless NODE_ENV is development or test, and whenever an app id is configured
 * (`serve` then also listens on loopback only).
 */
const teamsRules = (e: z.infer<typeof envSchema>, ctx: z.RefinementCtx): void => {
  const issue = (variable: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [variable], message });
  if (e.TEAMS_ALLOW_ANONYMOUS) {
    if (e.MICROSOFT_APP_ID)
      issue(
        "TEAMS_ALLOW_ANONYMOUS",
        "anonymous mode skips the Bot Connector token check and is for local development only; unset it (MICROSOFT_APP_ID is set, so every request must carry a valid token)",
      );
    // Allowed only where someone said so: `Production`, `staging` or no NODE_ENV at all are refused.
    const env = e.NODE_ENV?.trim().toLowerCase();
    if (env !== "development" && env !== "test")
      issue(
        "TEAMS_ALLOW_ANONYMOUS",
        `anonymous mode skips the Bot Connector token check and needs NODE_ENV=development or test (it is ${e.NODE_ENV === undefined ? "unset" : `"${e.NODE_ENV}"`}); in production set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD instead`,
      );
    return;
  }
  if (!e.MICROSOFT_APP_ID) {
    for (const name of ["MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID"] as const)
      if (e[name]) issue(name, "is set, but Teams needs MICROSOFT_APP_ID too");
    return;
  }
  if (!e.MICROSOFT_APP_PASSWORD)
    issue(
      "MICROSOFT_APP_PASSWORD",
      "is required with MICROSOFT_APP_ID (Azure Bot → Configuration → Manage password: a client secret)",
    );
  if (e.MICROSOFT_APP_TYPE === "SingleTenant" && !e.MICROSOFT_APP_TENANT_ID)
    issue("MICROSOFT_APP_TENANT_ID", "is required when MICROSOFT_APP_TYPE is SingleTenant");
};

export interface Config {
  dataDir: string;
  /** Explicit database; when absent the CLI uses a SQLite file inside the workspace directory. */
  databaseUrl?: string;
  masterKey?: string;
  masterKeyFile: string;
  oldMasterKeys: string[];
  /** The audit chain's HMAC key; absent = derived from the master key. */
  auditKey?: string;
  /** Earlier audit keys, so rows and checkpoints they sealed still verify. */
  oldAuditKeys: string[];
  /** Where signed checkpoints of the audit chain are appended (outside the database). */
  auditCheckpointFile: string;
  /**
   * Where Prisma's query plans are kept for the next process (store/query-plans.ts). In the data
   * directory, beside the master key: a query shape may carry a literal value.
   */
  queryPlanDir: string;
  /** How often `serve` and the shell write a checkpoint (when the log grew). */
  auditCheckpointMs: number;
  /** A chat channel that also receives each checkpoint (`slack:C0123`), optional. */
  auditChannel?: { platform: string; channel: string };
  genesysSimulatorUrl?: string;
  /** Approval policy file; absent = built-in defaults. Reloaded when it changes. */
  policyFile: string;
  /** Chat identities (`slack:T:U`) or shell names (`admin` = `shell:admin`). */
  admins: string[];
  logLevel?: (typeof LOG_LEVELS)[number];
  stopWaitMs: number;
  pollIntervalMs: number;
  genesysLimits: { requestsPerMinute: number; maxConcurrent: number };
  /** Campaigns a bulk job switches at once per org (orgs run in parallel). */
  bulkConcurrency: number;
  /** How long background and bulk work waits out Genesys' rate limit (Retry-After) in total. */
  retryBudgetMs: number;
  /** How often `serve` and the shell look for due scheduled resumes. */
  schedulerIntervalMs: number;
  /** `serve` listens to Genesys notifications for watched campaigns and posts alerts (default on). */
  alerts: boolean;
  /** How often `serve` re-reads the watches (watch/unwatch on any replica) to follow them. */
  alertsRefreshMs: number;
  /** An `on` campaign that placed no call for this long is diagnosed and, with a cause, alerted. */
  notDialingMs: number;
  /** https://no-color.org: any value turns colour off. */
  noColor: boolean;
  /** The OS user, the shell's fallback name when a workspace defines no users. */
  osUser?: string;
  /** Absent when Slack is not configured (no SLACK_BOT_TOKEN and no SLACK_CLIENT_ID). */
  slack?: SlackConfig;
  /** Absent when Teams is not configured (no MICROSOFT_APP_ID and no TEAMS_ALLOW_ANONYMOUS). */
  teams?: TeamsConfig;
}

export interface TeamsConfig {
  /**
   * `app`: an Azure Bot registration; inbound Bot Connector tokens are verified against it and
   * replies are authenticated with its secret. `anonymous`: local development only, nothing verified.
   */
  auth:
    | {
        kind: "app";
        appId: string;
        password: string;
        appType: "MultiTenant" | "SingleTenant";
        tenantId?: string;
      }
    | { kind: "anonymous" };
}

export interface SlackConfig {
  /** `http`: Slack posts signed requests to /slack/events (production). `socket`: the app dials Slack (local use). */
  mode: "http" | "socket";
  /** Verifies Slack's request signatures (HTTP mode). */
  signingSecret?: string;
  /** App-level token for Socket Mode. */
  appToken?: string;
  /** One workspace with a bot token, or several installed through OAuth (installations in the database). */
  auth:
    | { kind: "token"; botToken: string }
    | { kind: "oauth"; clientId: string; clientSecret: string; stateSecret: string };
  /** The slash command the app registers (`/campaign`). */
  command: string;
  /** Web API base ending in `/api/`; absent = Slack's own (https://slack.com/api/). */
  apiUrl?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export type ConfigOverrides = Partial<
  Pick<Config, "genesysSimulatorUrl" | "dataDir" | "databaseUrl" | "logLevel">
>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const parsed = envSchema.superRefine(slackRules).superRefine(teamsRules).safeParse(env);
  if (!parsed.success) {
    // Name the variable and the rule, never the value: it may be a secret.
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(overrides.dataDir ?? e.SWITCHBOARD_DATA_DIR);
  const list = (s: string | undefined) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    dataDir,
    databaseUrl: overrides.databaseUrl ?? e.DATABASE_URL,
    masterKey: e.SWITCHBOARD_MASTER_KEY,
    masterKeyFile: path.resolve(e.SWITCHBOARD_MASTER_KEY_FILE ?? path.join(dataDir, "master.key")),
    oldMasterKeys: list(e.SWITCHBOARD_OLD_MASTER_KEYS),
    auditKey: e.SWITCHBOARD_AUDIT_KEY,
    oldAuditKeys: list(e.SWITCHBOARD_OLD_AUDIT_KEYS),
    auditCheckpointFile: path.resolve(
      e.SWITCHBOARD_AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, "audit-checkpoints.txt"),
    ),
    queryPlanDir: path.join(dataDir, "query-plans"),
    auditCheckpointMs: e.SWITCHBOARD_AUDIT_CHECKPOINT_MINUTES * 60_000,
    ...(e.SWITCHBOARD_AUDIT_CHANNEL ? { auditChannel: channelRef(e.SWITCHBOARD_AUDIT_CHANNEL) } : {}),
    genesysSimulatorUrl: overrides.genesysSimulatorUrl ?? e.GENESYS_SIMULATOR_URL,
    policyFile: path.resolve(e.SWITCHBOARD_POLICY_FILE),
    admins: list(e.SWITCHBOARD_ADMINS),
    logLevel: overrides.logLevel ?? e.LOG_LEVEL,
    stopWaitMs: e.SWITCHBOARD_STOP_WAIT_SECONDS * 1000,
    pollIntervalMs: e.SWITCHBOARD_POLL_INTERVAL_MS,
    genesysLimits: {
      requestsPerMinute: e.GENESYS_REQUESTS_PER_MINUTE,
      maxConcurrent: e.GENESYS_MAX_CONCURRENT,
    },
    bulkConcurrency: e.SWITCHBOARD_BULK_CONCURRENCY,
    retryBudgetMs: e.GENESYS_RETRY_BUDGET_SECONDS * 1000,
    schedulerIntervalMs: e.SWITCHBOARD_SCHEDULER_INTERVAL_SECONDS * 1000,
    alerts: e.SWITCHBOARD_ALERTS !== "off",
    alertsRefreshMs: e.SWITCHBOARD_ALERTS_REFRESH_SECONDS * 1000,
    notDialingMs: e.SWITCHBOARD_NOT_DIALING_MINUTES * 60_000,
    noColor: e.NO_COLOR !== undefined && e.NO_COLOR !== "",
    osUser: e.USER,
    slack: slackConfig(e),
    teams: teamsConfig(e),
  };
}

/**
 * What the Teams app package needs (`npm run teams:package`): the bot's app id and public host,
 * validated like everything else but on their own, so a package can be built where the bot's
 * secret is not available (a CI job, a laptop).
 */
export function loadTeamsPackageConfig(env: NodeJS.ProcessEnv = process.env): {
  appId?: string;
  publicHost?: string;
} {
  const parsed = envSchema.pick({ MICROSOFT_APP_ID: true, TEAMS_PUBLIC_HOST: true }).safeParse(env);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`),
    );
  return {
    appId: parsed.data.MICROSOFT_APP_ID?.toLowerCase(),
    publicHost: parsed.data.TEAMS_PUBLIC_HOST?.toLowerCase(),
  };
}

function channelRef(text: string): { platform: string; channel: string } {
  const at = text.indexOf(":");
  return { platform: text.slice(0, at), channel: text.slice(at + 1) };
}

function teamsConfig(e: z.infer<typeof envSchema>): TeamsConfig | undefined {
  // teamsRules has already refused anonymous mode next to an app id, or in production.
  if (e.TEAMS_ALLOW_ANONYMOUS) return { auth: { kind: "anonymous" } };
  if (!e.MICROSOFT_APP_ID || !e.MICROSOFT_APP_PASSWORD) return undefined;
  return {
    auth: {
      kind: "app",
      appId: e.MICROSOFT_APP_ID.toLowerCase(),
      password: e.MICROSOFT_APP_PASSWORD,
      appType: e.MICROSOFT_APP_TYPE,
      ...(e.MICROSOFT_APP_TENANT_ID ? { tenantId: e.MICROSOFT_APP_TENANT_ID.toLowerCase() } : {}),
    },
  };
}

function slackConfig(e: z.infer<typeof envSchema>): SlackConfig | undefined {
  // slackRules has already refused every incomplete combination.
  const auth: SlackConfig["auth"] | undefined = e.SLACK_BOT_TOKEN
    ? { kind: "token", botToken: e.SLACK_BOT_TOKEN }
    : e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
      ? {
          kind: "oauth",
          clientId: e.SLACK_CLIENT_ID,
          clientSecret: e.SLACK_CLIENT_SECRET,
          stateSecret: e.SLACK_STATE_SECRET,
        }
      : undefined;
  if (!auth) return undefined;
  return {
    mode: e.SLACK_SOCKET_MODE ? "socket" : "http",
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    auth,
    command: e.SLACK_COMMAND,
    ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
  };
}

/** The schema tool's own settings (scripts/db.ts): where PostgreSQL migrations are planned. */
export function loadSchemaToolSettings(env: NodeJS.ProcessEnv = process.env): {
  shadowDatabaseUrl: string | undefined;
  testDatabaseUrl: string | undefined;
} {
  return {
    shadowDatabaseUrl: env.SHADOW_DATABASE_URL || undefined,
    testDatabaseUrl: env.TEST_DATABASE_URL || undefined,
  };
}
