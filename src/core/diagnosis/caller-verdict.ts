/**
 * The caller's side of a diagnosis, straight from the PermissionGate (the same check pause and
 * resume make): Switchboard refuses a caller whose mapped Genesys identity lacks the permission in
 * the campaign's division, even when the OAuth client could do it.
 */

import type { ChatIdentity } from "../kernel/model.js";
import type { GateDecision } from "../permissions/gate-decision.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { Cause, Verdict } from "./diagnosis.js";

export interface CallerAssessment {
  label: string;
  verdict: Verdict;
  causes: Cause[];
}

export function assessCaller(
  decision: GateDecision,
  actor: ChatIdentity,
  org: LinkedOrg,
  clientAllowed: boolean,
): CallerAssessment {
  if (decision.allowed) {
    return {
      label: decision.genesysIdentity,
      verdict: { outcome: "allowed", via: decision.permission, heldAs: decision.heldAs },
      causes: [],
    };
  }
  const label = decision.genesysIdentity ?? actor;
  const division = decision.division ? { division: decision.division.name } : {};
  const inDivision = decision.division ? ` in ${decision.division.name}` : "";
  switch (decision.reason) {
    case "missing_permission":
      return {
        label,
        verdict: { outcome: "denied", reason: `lacks ${decision.missing.join(" and ")}${inDivision}` },
        causes: [
          {
            kind: "caller_lacks",
            severity: "blocking",
            // Said when it matters most: Genesys would do it, Switchboard will not do it for this caller.
            summary: `${decision.message}${clientAllowed ? ` The OAuth client of ${org.slug} could do it: this is Switchboard's check of your own Genesys permissions.` : ""}`,
            fix: decision.hint,
            permissions: decision.missing,
            ...division,
          },
        ],
      };
    case "cannot_verify":
      return {
        label,
        verdict: {
          outcome: "unknown",
          reason: `Switchboard may not read your grants (client lacks ${decision.missing.join(", ")})`,
        },
        causes: [
          {
            kind: "caller_unverifiable",
            severity: "blocking",
            summary: decision.message,
            fix: decision.hint,
            permissions: decision.missing,
            client: org.clientId,
            ...division,
          },
        ],
      };
    case "unmapped":
    case "identity_gone":
      return {
        label,
        verdict: {
          outcome: "denied",
          reason:
            decision.reason === "unmapped"
              ? `not mapped in ${org.slug}`
              : "the mapped Genesys identity is gone",
        },
        causes: [
          {
            kind: "caller_unmapped",
            severity: "blocking",
            summary: decision.message,
            fix: decision.hint,
            ...division,
          },
        ],
      };
  }
}
