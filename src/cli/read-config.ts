import type { Config, ConfigOverrides } from "../config.js";

/**
 * loadConfig, imported when first called: the config module builds its zod schemas at import, and a
 * subcommand's usage errors should answer before that cost is paid.
 */
export async function readConfig(
  env: NodeJS.ProcessEnv | undefined,
  overrides?: ConfigOverrides,
): Promise<Config> {
  const { loadConfig } = await import("../config.js");
  return loadConfig(env, overrides);
}
