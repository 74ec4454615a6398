/**
 * Errors in text someone pasted into chat: a Genesys API error body, the token endpoint's
 * `{error, description}`, a code and status copied from a log line, or a forum post that only says
 * "403 Forbidden". Forum pastes carry bodies cut short (no code, no contextId) and bodies from other
 * platforms; each is read for what it is, so the explanation never rests on a shape Genesys does
 * not send.
 */
import type { ErrorFacts } from "./diagnosis.js";
import { OAUTH_CODES, STATUS_OF_CODE } from "./error-facts.js";
import { normalizeQuotes, sentencesOf } from "./sentences.js";

// `domain:entity:action` (wildcards allowed), not a time of day or a URL.
const PERMISSION = /(?<![\w:*])(?:\*|[A-Za-z][\w-]*):(?:\*|[A-Za-z][\w-]*):(?:\*|[A-Za-z][\w-]*)(?![\w:])/g;

/** Genesys API error codes are lower-case and dotted: `missing.permissions`, `not.found`. */
const GENESYS_CODE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Keys that make a JSON object an error body rather than, say, a campaign. */
const ERROR_KEYS = ["error", "code", "status", "statusCode", "errors", "message", "contextId"];

/** At most this many error bodies are explained from one paste. */
const MAX_BODIES = 3;

/** Every error in the text, in order: bodies first, else a code from a log line, else a status in prose. */
export function errorsInPaste(raw: string): ErrorFacts[] {
  const text = normalizeQuotes(raw);
  const retryAfter = /retry-after["']?\s*[:=]\s*"?(\d+)/i.exec(text)?.[1];
  const retry = retryAfter !== undefined ? { retryAfterSeconds: Number(retryAfter) } : {};
  const bodies = jsonObjectsIn(text)
    .filter((o) => ERROR_KEYS.some((k) => k in o))
    .map((o) => fromBody(o, retry))
    .filter((f): f is ErrorFacts => f !== undefined);
  if (bodies.length) return dedupe(bodies).slice(0, MAX_BODIES);
  const logged = fromLogLine(text, retry);
  if (logged) return [logged];
  const prose = fromProse(text);
  return prose ? [prose] : [];
}

/** The first error in the text. */
export function fromPastedText(raw: string): ErrorFacts | undefined {
  return errorsInPaste(raw)[0];
}

function fromBody(
  body: Record<string, unknown>,
  retry: { retryAfterSeconds?: number },
): ErrorFacts | undefined {
  const errorsText = Array.isArray(body.errors) ? body.errors.filter((e) => typeof e === "string") : [];
  const message =
    str(body.message) ??
    str(body.messageWithParams) ??
    str(body.description) ??
    str(body.error_description) ??
    errorsText.join(" ");
  const contextId = str(body.contextId);
  const status = typeof body.status === "number" ? body.status : undefined;
  const oauthCode = str(body.error);
  const code = str(body.code);

  if (oauthCode !== undefined && code === undefined) {
    if (!OAUTH_CODES.includes(oauthCode)) return foreign(body, `"error": "${oauthCode}"`, message, status);
    return {
      code: oauthCode,
      message: str(body.description) ?? str(body.error_description) ?? "",
      permissions: [],
      anyOf: false,
      ...(status !== undefined ? { status } : {}),
      oauth: true,
      ...retry,
    };
  }
  if (code !== undefined && !(code in STATUS_OF_CODE) && !(GENESYS_CODE.test(code) && code.includes(".")))
    return foreign(body, `"code": "${code}"`, message, status);

  const inferred = status ?? (code ? STATUS_OF_CODE[code] : undefined) ?? statusFromWording(message);
  if (code === undefined && (inferred === undefined || inferred < 400)) return undefined;
  const lacking = [...(code === undefined ? ["code"] : []), ...(status === undefined ? ["status"] : [])];
  return {
    ...(inferred !== undefined ? { status: inferred } : {}),
    code: code ?? "",
    message,
    permissions: permissionsIn(`${message} ${JSON.stringify(body.messageParams ?? {})}`),
    anyOf: code === "missing.any.permissions",
    ...(contextId ? { contextId } : {}),
    oauth: false,
    ...retry,
    ...(lacking.length
      ? {
          shape: {
            kind: "partial" as const,
            note: `That body has no ${[...lacking, ...(contextId ? [] : ["contextId"])].join(", ")}, which every Genesys Cloud error carries: it was cut short, or rewritten by an SDK, a proxy or other code on the way.`,
          },
        }
      : {}),
  };
}

/** An error body in another platform's shape: named for what it is, never diagnosed as Genesys's. */
function foreign(body: Record<string, unknown>, odd: string, message: string, status?: number): ErrorFacts {
  const missing = [
    ...(status === undefined ? ["no status"] : []),
    ...(str(body.contextId) ? [] : ["no contextId"]),
  ];
  return {
    ...(status !== undefined ? { status } : {}),
    code: str(body.code) ?? str(body.error) ?? "",
    message,
    permissions: [],
    anyOf: false,
    oauth: false,
    shape: {
      kind: "foreign",
      note: `${odd} is not a code Genesys Cloud uses${missing.length ? `, and the body has ${missing.join(" and ")}` : ""}`,
    },
  };
}

/** A code (and maybe a status) named in a log line or a sentence, without a JSON body. */
function fromLogLine(text: string, retry: { retryAfterSeconds?: number }): ErrorFacts | undefined {
  const code =
    Object.keys(STATUS_OF_CODE).find((c) => new RegExp(`\\b${c.replace(/\./g, "\\.")}\\b`).test(text)) ??
    OAUTH_CODES.find((c) => text.includes(c));
  if (!code) return undefined;
  const status = /\b([45]\d\d)\b/.exec(text)?.[1];
  const sentence = sentencesOf(text).find((s) => s.includes(code)) ?? text;
  // Genesys lists the permissions it wanted in brackets; other permission strings in a forum
  // paste are often the poster's guesses ("our scopes include …"), not what was refused.
  const bracketed = [...text.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "").join(" ");
  const named = permissionsIn(bracketed);
  return {
    ...(status ? { status: Number(status) } : statusOf(code)),
    code,
    message: sentence.trim().slice(0, 300),
    permissions: named.length ? named : permissionsIn(sentence),
    anyOf: code === "missing.any.permissions",
    oauth: OAUTH_CODES.includes(code),
    ...retry,
  };
}

/** "We get a 403 Forbidden when…": a 403 named in prose gets the 403 recipe. */
function fromProse(text: string): ErrorFacts | undefined {
  if (!/\b403\b|\bforbidden\b/i.test(text)) return undefined;
  return {
    status: 403,
    code: "",
    message: "",
    permissions: [],
    anyOf: false,
    oauth: false,
    shape: {
      kind: "prose",
      note: "That text names a 403 but not its error body: the body's code and message name the permission Genesys wanted, and its contextId lets Genesys support trace the call.",
    },
  };
}

/** The HTTP status a body without one implies by its wording ("Forbidden", "You do not have permission"). */
function statusFromWording(message: string): number | undefined {
  if (
    /\bforbidden\b|\b(?:do(?:es)? not|don't) have (?:the )?permission|\bmissing\b.*\bpermission|not authori[sz]ed to/i.test(
      message,
    )
  )
    return 403;
  if (/\bunauthori[sz]ed\b|\bauthentication (?:required|failed)\b|\btoken (?:has )?expired\b/i.test(message))
    return 401;
  if (/\bnot found\b/i.test(message)) return 404;
  if (/\btoo many requests\b|\brate limit/i.test(message)) return 429;
  return undefined;
}

function statusOf(code: string): { status?: number } {
  const status = STATUS_OF_CODE[code];
  return status === undefined ? {} : { status };
}

function permissionsIn(text: string): string[] {
  return [...new Set(text.match(PERMISSION) ?? [])];
}

/** Every JSON object in the text, outermost only: prose around it and `{id}` in paths are skipped. */
function jsonObjectsIn(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let attempts = 0;
  let i = text.indexOf("{");
  while (i >= 0 && attempts++ < 200) {
    const end = closingBrace(text, i);
    if (end > i) {
      try {
        const value: unknown = JSON.parse(text.slice(i, end + 1));
        if (typeof value === "object" && value !== null && !Array.isArray(value)) {
          found.push(value as Record<string, unknown>);
          i = text.indexOf("{", end + 1);
          continue;
        }
      } catch {
        // Not JSON: look for the next brace.
      }
    }
    i = text.indexOf("{", i + 1);
  }
  return found;
}

/** The index of the brace closing the one at `start`, minding strings; -1 when it never closes. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  const limit = Math.min(text.length, start + 20_000);
  for (let k = start; k < limit; k++) {
    const c = text.charAt(k);
    if (inString) {
      if (c === "\\") k++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return k;
  }
  return -1;
}

function dedupe(errors: ErrorFacts[]): ErrorFacts[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.status}|${e.code}|${e.message}|${e.contextId ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
