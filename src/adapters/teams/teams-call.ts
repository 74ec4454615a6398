/**
 * The Bot Connector boundary's one failure translation: a failed reply or update becomes a short,
 * secret-free description (HTTP status and the connector's error code, or the network error's
 * code), logged once. Callers get `undefined` and choose a fallback. The error object itself is never
 * logged: the HTTP client attaches the request to it, Authorization header included.
 */
import type { Logger } from "../../core/kernel/logger.js";

export interface TeamsFailure {
  /** `http_<status>`, optionally with the connector's code (`http_403 BotNotInConversationRoster`), or `request_failed: <code>`. */
  error: string;
}

export function describeTeamsFailure(e: unknown): TeamsFailure {
  const fields = typeof e === "object" && e !== null ? (e as Record<string, unknown>) : {};
  const status = typeof fields.statusCode === "number" ? fields.statusCode : undefined;
  const code = connectorCode(fields) ?? (typeof fields.code === "string" ? fields.code : undefined);
  if (status) return { error: `http_${status}${code ? ` ${code.slice(0, 80)}` : ""}` };
  return { error: `request_failed: ${(code ?? (e instanceof Error ? e.name : "error")).slice(0, 80)}` };
}

/** Runs one Bot Connector call; on failure logs it (never its arguments) and returns undefined. */
export async function teamsCall<T>(
  logger: Logger,
  operation: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    logger.warn({ teamsCall: operation, ...describeTeamsFailure(e) }, "teams call failed");
    return undefined;
  }
}

/** The connector answers errors as `{error: {code, message}}`; only the code is kept. */
function connectorCode(fields: Record<string, unknown>): string | undefined {
  const body = fields.body ?? (fields.response as Record<string, unknown> | undefined)?.parsedBody;
  const error =
    typeof body === "object" && body !== null ? (body as Record<string, unknown>).error : undefined;
  const code =
    typeof error === "object" && error !== null ? (error as Record<string, unknown>).code : undefined;
  return typeof code === "string" ? code : undefined;
}
