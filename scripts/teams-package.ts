/**
 * `npm run teams:package [-- --output FILE]`: builds the Teams app package (see
 * src/cli/teams-package-command.ts). Exit codes as the switchboard CLI: 2 usage, 78 configuration,
 * 1 anything else (an icon of the wrong size…).
 */
import { teamsPackageCommand } from "../src/cli/teams-package-command.js";
import { UsageError } from "../src/cli/usage-error.js";
import { ConfigError } from "../src/config.js";

async function main(): Promise<number> {
  try {
    return await teamsPackageCommand(process.argv.slice(2), process.env);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`teams:package: ${e.message}\n${e.hint ? `${e.hint}\n` : ""}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`teams:package: ${e.message}\nSee .env.example for every setting.\n`);
      return 78;
    }
    process.stderr.write(`teams:package: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main();
