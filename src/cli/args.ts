import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs with its errors turned into usage errors that show the subcommand's usage. */
export function parseCli<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(
      e instanceof Error ? e.message.replace(/^TypeError \[[A-Z_]+\]: /, "") : String(e),
      `Usage: ${usage}`,
    );
  }
}
