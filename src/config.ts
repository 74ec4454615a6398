/**
 * The only reader of the environment. Every setting is validated here once; a bad or missing value
 * stops start-up with a message naming the variable. Command-line flags arrive as `overrides`.
 */
import path from "node:path";
import { z } from "zod";

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
  GENESYS_SIMULATOR_URL: z.string().url("must be a URL like http://127.0.0.1:8089").optional(),
  SWITCHBOARD_ADMINS: z.string().optional(),
  SWITCHBOARD_POLICY_FILE: z.string().min(1).default("switchboard.policy.yml"),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  SWITCHBOARD_STOP_WAIT_SECONDS: positiveInt(60),
  SWITCHBOARD_POLL_INTERVAL_MS: positiveInt(1000),
  GENESYS_REQUESTS_PER_MINUTE: positiveInt(280),
  GENESYS_MAX_CONCURRENT: positiveInt(8),
  NO_COLOR: z.string().optional(),
  USER: z.string().optional(),
});

export interface Config {
  dataDir: string;
  /** Explicit database; when absent the CLI uses a SQLite file inside the workspace directory. */
  databaseUrl?: string;
  masterKey?: string;
  masterKeyFile: string;
  oldMasterKeys: string[];
  genesysSimulatorUrl?: string;
  /** Approval policy file; absent = built-in defaults. Reloaded when it changes. */
  policyFile: string;
  /** Chat identities (`slack:T:U`) or shell names (`admin` = `shell:admin`). */
  admins: string[];
  logLevel?: (typeof LOG_LEVELS)[number];
  stopWaitMs: number;
  pollIntervalMs: number;
  genesysLimits: { requestsPerMinute: number; maxConcurrent: number };
  /** https://no-color.org: any value turns colour off. */
  noColor: boolean;
  /** The OS user, the shell's fallback name when a workspace defines no users. */
  osUser?: string;
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
  const parsed = envSchema.safeParse(env);
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
    noColor: e.NO_COLOR !== undefined && e.NO_COLOR !== "",
    osUser: e.USER,
  };
}
