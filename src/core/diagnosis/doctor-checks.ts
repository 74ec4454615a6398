/**
 * The OAuth client's settings worth a warning: token lifetime (`accessTokenValiditySeconds`), idle
 * timeout (`dateTokenIdles` earlier than the lifetime), the read permissions Switchboard needs to
 * check callers, and what the client could not read about itself.
 */
import { durationText, utcText } from "../kernel/format.js";
import { matchAny } from "../permissions/permission-match.js";
import type { ClientFacts } from "./diagnosis.js";
import { andList } from "./diagnosis.js";
import type { DoctorCheck } from "./doctor.js";

const HOUR = 3600;
/** Genesys' default lifetime; anything longer keeps a leaked token useful for longer. */
const DEFAULT_LIFETIME = 86_400;
/** Below this, idling out before the lifetime ends is noise (the token was just issued). */
const IDLE_SLACK_MS = 5 * 60_000;

/** What Switchboard's caller check reads with the org's client (see identity-grants.ts). */
const CALLER_CHECK = [
  { permission: "authorization:grant:view", for: "callers mapped to Genesys users (their grants)" },
  { permission: "authorization:role:view", for: "callers mapped to roles, and users' roles" },
  { permission: "directory:user:view", for: "mapping callers by email (switchboard user map)" },
] as const;

export function setupChecks(facts: ClientFacts, now: Date): DoctorCheck[] {
  return [lifetimeCheck(facts), idleCheck(facts, now), callerCheck(facts), ...unreadableChecks(facts)].filter(
    (c): c is DoctorCheck => c !== undefined,
  );
}

function lifetimeCheck(facts: ClientFacts): DoctorCheck {
  const s = facts.tokenSeconds;
  if (s === undefined)
    return {
      name: "Token lifetime",
      status: "warn",
      detail: "unknown: lacks oauth:client:view",
    };
  const text = `${durationText(s * 1000)} (accessTokenValiditySeconds ${s})`;
  if (s < HOUR)
    return {
      name: "Token lifetime",
      status: "warn",
      detail: `${text}: short`,
      fix: `A new token every ${durationText(s * 1000)} is fine for Switchboard, but a long pause may span a refresh: raise accessTokenValiditySeconds on the OAuth client (Genesys' default is 86400).`,
    };
  if (s > DEFAULT_LIFETIME)
    return {
      name: "Token lifetime",
      status: "warn",
      detail: `${text}: long`,
      fix: "Longer than Genesys' default of 24 h, so a leaked token stays usable longer: lower accessTokenValiditySeconds to 86400 or less (Switchboard refreshes tokens itself).",
    };
  return { name: "Token lifetime", status: "ok", detail: text };
}

function idleCheck(facts: ClientFacts, now: Date): DoctorCheck | undefined {
  if (!facts.dateTokenIdles) return undefined;
  const idlesAt = Date.parse(facts.dateTokenIdles);
  if (Number.isNaN(idlesAt) || facts.tokenSeconds === undefined)
    return { name: "Token idle", status: "ok", detail: `idles at ${utcText(facts.dateTokenIdles, now)}` };
  const left = idlesAt - now.getTime();
  const lifetime = facts.tokenSeconds * 1000;
  if (lifetime - left > IDLE_SLACK_MS)
    return {
      name: "Token idle",
      status: "warn",
      detail: `idles after ${durationText(Math.max(left, 0))}, lifetime ${durationText(lifetime)}`,
      fix: "Tokens idle out before their lifetime ends, so expect a 401 and a new token after quiet periods: harmless (Switchboard re-authenticates once on a 401); raise the org's idle token timeout if it is noisy.",
    };
  return {
    name: "Token idle",
    status: "ok",
    detail: "not before the lifetime ends",
  };
}

/** Org-wide: Genesys checks these read permissions in any division. */
function callerCheck(facts: ClientFacts): DoctorCheck {
  // Every caller's permissions come from role policies: unreadable roles mean every action is
  // refused for every caller, which is no warning but a broken org.
  if (facts.grants.some((g) => g.permissions === undefined))
    return {
      name: "Caller checks",
      status: "fail",
      detail: "every caller refused: roles unreadable",
      why: "Switchboard refuses every action in this org for every caller: its OAuth client may not read role permissions (authorization:role:view), so no caller's permissions can be checked.",
      fix: "Add authorization:role:view and authorization:grant:view to the client's role.",
    };
  const held = facts.grants.flatMap((g) => g.permissions ?? []);
  const missing = CALLER_CHECK.filter((c) => !matchAny(held, [c.permission]));
  if (missing.length === 0)
    return { name: "Caller checks", status: "ok", detail: "may read callers' grants and roles" };
  const noneCheckable = missing.some((m) => m.permission === "authorization:role:view");
  return {
    name: "Caller checks",
    status: noneCheckable ? "fail" : "warn",
    detail: `lacks ${andList(missing.map((m) => m.permission))}`,
    fix: `Switchboard cannot verify ${andList(missing.map((m) => m.for))}: add ${andList(missing.map((m) => m.permission))} to the client's role.`,
  };
}

function unreadableChecks(facts: ClientFacts): DoctorCheck[] {
  return facts.unreadable.map((u) => ({
    name: "Could not read",
    status: "warn" as const,
    detail: `${u.what}: lacks ${u.permission}`,
    fix: `Add ${u.permission} to the client's role so Switchboard can explain its grants.`,
  }));
}
