/**
 * pino JSON logs on stderr (stdout belongs to command output). Secret-looking fields are redacted
 * wherever they appear, as a second line of defence: code must not log secrets in the first place.
 */
import { pino } from "pino";
import type { Logger } from "./core/kernel/logger.js";

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

/** `destination` is for tests; by default logs go to stderr, synchronously, so nothing is lost on exit. */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { app: "switchboard" },
      redact: {
        paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), "headers.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
