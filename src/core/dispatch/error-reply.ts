import { isAppError } from "../kernel/errors.js";
import { durationText, minuteAfter, utcText } from "../kernel/format.js";
import { type GenesysError, isGenesysError } from "../kernel/genesys-error.js";
import { errorReply, type Reply } from "../kernel/reply.js";

/**
 * The one place errors become replies. Expected failures say what was wrong and what to type;
 * Genesys failures name status, code and contextId; anything else is a fault with a reference the
 * operator can find in the logs (the reply never carries internals or secrets).
 */
export function errorToReply(e: unknown, faultRef: string, now: Date = new Date()): Reply {
  if (isAppError(e)) {
    return errorReply(e.userMessage, { hint: e.hint, details: e.details });
  }
  if (isGenesysError(e)) return genesysErrorReply(e, now);
  return errorReply(`Something went wrong on Switchboard's side (reference ${faultRef}).`, {
    hint: "Nothing was changed unless a message above said so. An operator can find the reference in the logs.",
  });
}

function genesysErrorReply(e: GenesysError, now: Date): Reply {
  const org = e.orgSlug ?? "the org";
  const ctx = e.contextId ? ` (Genesys contextId ${e.contextId})` : "";
  const details: string[] = [];
  let message: string;
  let hint: string | undefined;
  if (e.status === 403) {
    const perms = e.requiredPermissions.length
      ? e.requiredPermissions.join(e.code === "missing.any.permissions" ? " or " : ", ")
      : "a permission";
    message = `Genesys refused: ${org}'s OAuth client is missing ${perms}${ctx}.`;
    hint = `Grant it to the client's role in the campaign's division (Admin > Roles/Permissions, then the OAuth client's Roles tab). See what the client holds: org test ${org}`;
  } else if (e.status === 401 || e.code === "invalid_client") {
    message = `Genesys rejected ${org}'s credentials: ${e.code}${e.message ? ` — ${e.message}` : ""}${ctx}.`;
    hint = `Check them with: org test ${org}`;
  } else if (e.status === 404) {
    message = `Genesys says not found: ${e.method} ${e.path}${ctx}.`;
    hint = `The OAuth client may not see that division. List what it can see: list ${org}`;
  } else if (e.status === 409) {
    message = `Genesys reported a conflict: the campaign changed while Switchboard was updating it${ctx}.`;
    hint = "Check its status and try again.";
  } else if (e.status === 429) {
    const wait = e.retryAfterSeconds;
    if (wait !== undefined && wait > 60) {
      // Longer than a chat command should hang: answer now, with the time to come back.
      const at = minuteAfter(new Date(now.getTime() + wait * 1000));
      message = `Genesys rate limit reached for ${org}: Genesys asks to wait ${durationText(wait * 1000)}; retry at ${utcText(at, now)}${ctx}.`;
      hint =
        "Nothing was changed by this command. Bulk jobs and scheduled resumes wait such limits out by themselves.";
    } else {
      message = `Genesys rate limit reached for ${org}${wait ? `; it asks to wait ${wait} s` : ""}${ctx}.`;
      hint = "Try again shortly; Switchboard already retried.";
    }
  } else if (e.status === 0 || e.status >= 500) {
    message = `Genesys did not answer properly for ${org} (${e.status === 0 ? "network error" : `${e.status} ${e.code}`})${ctx}.`;
    hint = `It was retried. If you were changing a campaign, check whether it happened: status ${org} <campaign>`;
  } else {
    message = `Genesys answered ${e.status} ${e.code}: ${e.message}${ctx}.`;
  }
  if (e.message && e.status !== 401 && e.status !== 500) details.push(`Genesys said: ${e.message}`);
  return errorReply(message, { hint, details });
}
