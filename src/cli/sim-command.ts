/** `switchboard sim`: the Genesys simulator as a standalone server, for `--genesys-url` and manual poking. */
import { parseCli } from "./args.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";

const USAGE =
  "switchboard sim [--port 8089] [--host 127.0.0.1] [--fixture FILE] [--state FILE]\n" +
  '       switchboard sim event <org> "<campaign>" <status> [--genesys-url URL] [--error TEXT]';

export async function simCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === "event") return (await import("./sim-event-command.js")).simEventCommand(argv.slice(1), io);
  const { values } = parseCli(
    argv,
    {
      port: { type: "string", default: "8089" },
      host: { type: "string", default: "127.0.0.1" },
      fixture: { type: "string" },
      state: { type: "string" },
    },
    USAGE,
  );
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not "${values.port}".`, `Usage: ${USAGE}`);
  // The simulator (its server, yaml, zod schemas) only once the flags are known to be good: a usage
  // error answers without loading it.
  const { demoFixture, demoFixturePath, loadFixtureFile, startSimulator } = await import(
    "../genesys-sim/index.js"
  );
  const fixture = values.fixture ? loadFixtureFile(values.fixture) : demoFixture();
  const sim = await startSimulator({ fixture, port, host: values.host, statePath: values.state });
  io.stdout.write(
    [
      `Genesys simulator listening on ${sim.url}`,
      `Fixture: ${values.fixture ?? `${demoFixturePath} (demo)`}; orgs: ${fixture.orgs.map((o) => `${o.slug} (${o.region})`).join(", ")}`,
      `Use it with: switchboard shell --genesys-url ${sim.url}${values.fixture ? ` --fixture ${values.fixture}` : ""}`,
      `Change a campaign "in the Genesys UI": switchboard sim event acme "Spring Promo" off --genesys-url ${sim.url}`,
      "Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await sim.close();
  return 0;
}
