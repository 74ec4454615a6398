/**
 * pino JSON logs on stderr (stdout belongs to command output). Secret-looking fields are redacted
 * wherever they appear, as a second line of defence: code must not log secrets in the first place.
 * pino (~20 modules) is loaded on the first line at an enabled level, synchronously: a one-shot
 * command that logs nothing never loads it.
 */
import { createRequire } from "node:module";
import type pinoModule from "pino";
import type { Logger } from "./core/kernel/logger.js";

type Pino = typeof pinoModule;
type DestinationStream = pinoModule.DestinationStream;

const SECRET_KEYS = [
  "clientSecret",
  "client_secret",
  "secret",
  "password",
  "token",
  "access_token",
  "accessToken",
  "authorization",
  "signingSecret",
  "masterKey",
];

// pino's numeric levels: a call below the threshold is dropped without building the logger.
const LEVELS: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

function loadPino(): Pino {
  // pino is CommonJS: required synchronously, so the first log line is written before it returns.
  return createRequire(import.meta.url)("pino") as Pino;
}

/** `destination` is for tests; by default logs go to stderr, synchronously, so nothing is lost on exit. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  let real: Logger | undefined;
  const build = (): Logger => {
    const pino = loadPino();
    real = pino(
      {
        level,
        base: { app: "switchboard" },
        redact: {
          paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), "headers.authorization"],
          censor: "[redacted]",
        },
      },
      destination ?? pino.destination({ fd: 2, sync: true }),
    );
    return real;
  };
  const threshold = LEVELS[level];
  // A level pino does not know: build now, so its error surfaces at start-up as before.
  if (threshold === undefined) return build();
  const at =
    (name: keyof Logger, value: number) =>
    (fields: object, message?: string): void => {
      if (value >= threshold) (real ?? build())[name](fields, message);
    };
  return { debug: at("debug", 20), info: at("info", 30), warn: at("warn", 40), error: at("error", 50) };
}
