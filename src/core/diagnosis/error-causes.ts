/**
 * What a Genesys error means from its status, code and body alone. 409, 429 and 5xx need nothing
 * more; 401, 403, 404 and token errors are explained better with the org's live grants (see
 * diagnose.ts), so without an org these say what is known and which command finds the rest.
 */
import type { Cause, ErrorFacts } from "./diagnosis.js";
import { orList } from "./diagnosis.js";

/** Errors whose real cause lies in the org's credentials or grants: worth live data when an org is known. */
export function needsLiveData(f: ErrorFacts): boolean {
  return f.oauth || f.status === 401 || f.status === 403 || f.status === 404;
}

function isVersionConflict(f: ErrorFacts): boolean {
  return (
    f.status === 409 ||
    f.code === "general.conflict" ||
    (f.status === 400 && /version/i.test(f.message) && /match|differ|stale|conflict/i.test(f.message))
  );
}

/** Causes read from the error alone. `org` (a slug) only fills in the commands suggested. */
export function causesFromError(f: ErrorFacts, org = "<org>"): Cause[] {
  if (f.shape?.kind === "foreign") return [notGenesysCause(f)];
  const causes = causesFromGenesysError(f, org);
  if (f.shape) causes.push({ kind: "other", severity: "info", summary: f.shape.note, fix: "" });
  return causes;
}

/** A Genesys Cloud error body, for comparison with what was pasted. */
const GENESYS_BODY =
  '{"message": "You are missing the following permission(s): [outbound:campaign:stop]", "code": "missing.permissions", "status": 403, "messageParams": {…}, "contextId": "…"}';

function notGenesysCause(f: ErrorFacts): Cause {
  const note = f.shape?.note ?? "";
  return {
    kind: "not_genesys",
    severity: "blocking",
    summary: `This is not a Genesys Cloud error body: ${note}. It comes from another platform, or from a proxy, gateway or library in between: Genesys advice does not apply to it as it stands.`,
    fix: `A Genesys Cloud error looks like ${GENESYS_BODY}. Find the call's own Genesys answer (or its contextId) and paste that: explain <org> {…}`,
  };
}

function causesFromGenesysError(f: ErrorFacts, org: string): Cause[] {
  const said = `${f.status ?? ""} ${f.code}`.trim();
  if (isVersionConflict(f)) {
    return [
      {
        kind: "version_conflict",
        severity: "blocking",
        summary: `The campaign changed between the read and the write (${said}): a Genesys update must carry the campaign's current version.`,
        fix: `Nothing is broken: GET the campaign again, re-apply, retry (Switchboard's pause and resume already do so 3 times). If it keeps happening, something else edits the campaign constantly: status ${org} <campaign>`,
      },
    ];
  }
  if (f.status === 429 || f.code === "too.many.requests") {
    const limit = /\[(\d+)\]\s*requests/i.exec(f.message)?.[1];
    const wait = f.retryAfterSeconds;
    return [
      {
        kind: "rate_limited",
        severity: "blocking",
        summary: `Genesys rate limit reached${limit ? ` (${limit} requests per 60 s per token)` : ""}; ${wait !== undefined ? `it asks to wait ${wait} s (Retry-After)` : "the Retry-After response header says how long to wait"}.`,
        fix: `Wait ${wait !== undefined ? `${wait} s` : "for Retry-After"} and retry. Switchboard already honours Retry-After and stays under 300 requests/min per org; another tool sharing this OAuth client is the usual culprit.`,
        ...(wait !== undefined ? { retryAfterSeconds: wait } : {}),
      },
    ];
  }
  if (f.status === 0 || (f.status !== undefined && f.status >= 500) || f.code === "temporarily_unavailable") {
    return [
      {
        kind: "genesys_unavailable",
        severity: "blocking",
        summary: `Genesys failed on its side (${said}${f.message ? `: ${f.message}` : ""}); this is no permission problem.`,
        fix: `Retry shortly (Switchboard already retried with back-off). If you were changing a campaign, check whether it happened: status ${org} <campaign>`,
      },
    ];
  }
  if (f.oauth) return [tokenEndpointCause(f, org)];
  if (f.status === 401) {
    const why =
      f.code === "credentials.expired"
        ? "the token expired"
        : f.code === "authentication.required"
          ? "no (or an unknown) bearer token was sent"
          : "the token is not valid here: it expired early, its client was deactivated, or another region's login host issued it (tokens are region-local)";
    return [
      {
        kind: "token_rejected",
        severity: "blocking",
        summary: `Genesys refused the token (${said}): ${why}.`,
        fix: `Switchboard fetches a new token on a 401 by itself; if it persists: org test ${org}`,
      },
    ];
  }
  if (f.status === 403 && f.permissions.length === 0) {
    return [
      {
        kind: "permission_missing",
        severity: "blocking",
        summary: `Genesys refused (${said}): the OAuth client's roles do not hold the permission that call needs in the target's division. A client-credentials token has roles × divisions, never scopes.`,
        fix: `See which role and division: why ${org} <campaign> <pause|resume|status>; org test ${org} lists the client's roles × divisions.`,
        permissions: [],
      },
    ];
  }
  if (f.status === 403) {
    const perms = orList(f.permissions);
    return [
      {
        kind: f.anyOf ? "missing_any" : "permission_missing",
        severity: "blocking",
        summary: f.anyOf
          ? `Genesys refused (${said}): the token holds none of ${perms}; any one of them would do, in the target's division.`
          : `Genesys refused (${said}): the token lacks ${f.permissions.length > 1 ? `all of ${f.permissions.join(", ")}` : perms} in the target's division. A client-credentials token has roles × divisions, never scopes.`,
        fix: `See which role and division: why ${org} <campaign> <pause|resume|status> (or explain ${org} <this error>)`,
        permissions: f.permissions,
      },
    ];
  }
  if (f.status === 404) {
    return [
      {
        kind: "not_visible",
        severity: "blocking",
        summary: `Genesys answers 404 both for a campaign that does not exist and for one in a division the OAuth client may not view (it never says 403 there).`,
        fix: `Check which divisions the client can see: why ${org} <campaign id> status`,
        permissions: ["outbound:campaign:view"],
      },
    ];
  }
  return [
    {
      kind: "other",
      severity: "blocking",
      summary: `Genesys answered ${said}${f.message ? `: ${f.message}` : ""}.`,
      fix:
        f.status === 400
          ? "The request itself was rejected: check the value named in the message. This is not a permission problem."
          : `Check the message${f.contextId ? `; Genesys support can trace contextId ${f.contextId}` : ""}.`,
    },
  ];
}

function tokenEndpointCause(f: ErrorFacts, org: string): Cause {
  const desc = f.message ? ` — "${f.message}"` : "";
  if (f.code === "invalid_client") {
    return {
      kind: "invalid_client",
      severity: "blocking",
      summary: `The token endpoint refused the client id/secret (invalid_client${desc}): a wrong or rotated secret, a disabled, revoked or deleted client, or credentials sent to another region's login host (each region has its own clients).`,
      fix: `org test ${org} tries every region's login host and says which it is.`,
    };
  }
  if (f.code === "unsupported_grant_type" || f.code === "invalid_grant") {
    return {
      kind: "other",
      severity: "blocking",
      summary: `The token endpoint refused the grant (${f.code}${desc}). A server integration uses grant_type=client_credentials with HTTP Basic client id:secret; Genesys has no resource-owner password grant.`,
      fix: "Use the client-credentials grant with the org's own OAuth client (one client per org).",
    };
  }
  if (f.code === "invalid_scope") {
    return {
      kind: "other",
      severity: "blocking",
      summary: `The token endpoint refused a scope (invalid_scope${desc}). Scopes apply only to code/PKCE/implicit clients; a client-credentials client gets roles, granted per division.`,
      fix: "Drop the scope parameter; grant the client's role the permission in the right division instead.",
    };
  }
  return {
    kind: "other",
    severity: "blocking",
    summary: `The token endpoint answered ${f.code}${desc}.`,
    fix: `Check the credentials with: org test ${org}`,
  };
}
