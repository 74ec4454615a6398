/**
 * Bolt and its Web API client log through this: our structured logger, with Slack tokens scrubbed
 * from every message. Debug output is dropped whatever the level: at debug the libraries describe
 * request bodies, and a modal's body can hold a client secret.
 */
import type { Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../core/kernel/logger.js";
import { LogLevel } from "./bolt.js";
import { redactTokens } from "./slack-call.js";

export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let name = "bolt";
  const text = (parts: unknown[]) =>
    redactTokens(
      parts
        .map((p) =>
          p instanceof Error ? `${p.name}: ${p.message}` : typeof p === "string" ? p : safeJson(p),
        )
        .join(" "),
    );
  const rank = { [LogLevel.DEBUG]: 0, [LogLevel.INFO]: 1, [LogLevel.WARN]: 2, [LogLevel.ERROR]: 3 };
  const on = (l: LogLevel) => rank[l] >= rank[level];
  return {
    debug() {},
    info: (...parts: unknown[]) => on(LogLevel.INFO) && logger.info({ source: name }, text(parts)),
    warn: (...parts: unknown[]) => on(LogLevel.WARN) && logger.warn({ source: name }, text(parts)),
    error: (...parts: unknown[]) => logger.error({ source: name }, text(parts)),
    setLevel(l: LogLevel) {
      level = l;
    },
    getLevel: () => level,
    setName(n: string) {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
