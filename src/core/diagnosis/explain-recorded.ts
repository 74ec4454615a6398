/**
 * Explains a failure Switchboard recorded: the audit row says who did what where and, for a Genesys
 * failure, the status, code and permissions; live data then says why it failed and what to change.
 */
import { ago } from "../kernel/format.js";
import type { ChatIdentity } from "../kernel/model.js";
import type { AuditEntry } from "../ports/audit-log.js";
import type { CoreServices } from "../services.js";
import { diagnose } from "./diagnose.js";
import { DIAGNOSED_ACTIONS, type DiagnosedAction, type Diagnosis } from "./diagnosis.js";
import { mayDiagnose } from "./diagnostics-access.js";
import { causesFromError } from "./error-causes.js";
import { fromAuditRow } from "./error-facts.js";

export interface RecordedExplanation {
  /** One line: who, what, where, when, how it ended. */
  recorded: string;
  diagnosis: Diagnosis;
  /** False when the caller may not see the org's live data: the diagnosis is from the record only. */
  live: boolean;
}

const FAILED = new Set(["failure", "denied"]);

/** The caller's newest failure in this channel (`explain last`); `explain` itself does not count. */
export async function lastFailure(
  services: Pick<CoreServices, "audit">,
  actor: ChatIdentity,
  channel: string,
): Promise<AuditEntry | undefined> {
  const rows = await services.audit.list({ actor, limit: 100 });
  return rows.find((r) => r.channel === channel && FAILED.has(r.outcome) && r.action !== "explain");
}

export async function explainRecorded(
  services: CoreServices,
  row: AuditEntry,
  viewer: ChatIdentity,
): Promise<RecordedExplanation> {
  const now = services.clock.now();
  const error = fromAuditRow(row);
  const { action, ref } = actionAndTarget(row);
  const what = `${row.action}${ref ? ` of "${row.targetName ?? ref}"` : ""}`;
  const said = error ? `${error.status ?? ""} ${error.code}`.trim() : detailText(row);
  const recorded = `${row.actor}'s ${what}${row.orgSlug ? ` in ${row.orgSlug}` : ""} ${row.outcome === "denied" ? "was refused by Switchboard" : "failed"} ${ago(row.at, now)}${said ? ` (${said})` : ""}${row.contextId ? `, contextId ${row.contextId}` : ""}.`;
  const org = row.orgSlug ? await services.orgs.get(row.orgSlug) : null;
  if (!org) {
    const causes = error ? causesFromError(error) : [];
    return { recorded, live: false, diagnosis: { requirement: [], causes, ...(error ? { error } : {}) } };
  }
  const live = await mayDiagnose(services, viewer, org);
  const diagnosis = await diagnose(services, {
    org,
    live,
    ...(action ? { action } : {}),
    ...(ref ? { campaignRef: ref } : {}),
    ...(error ? { error } : {}),
    // A refusal by Switchboard is about the caller: check them again, as they are now.
    ...(row.outcome === "denied" ? { actor: row.actor } : {}),
  });
  return { recorded, live, diagnosis };
}

/** The action and campaign a row was about; `why` rows name their action after the campaign. */
function actionAndTarget(row: AuditEntry): { action?: DiagnosedAction; ref?: string } {
  const isAction = (a: string): a is DiagnosedAction => (DIAGNOSED_ACTIONS as readonly string[]).includes(a);
  const ref = row.target ?? row.targetName ?? undefined;
  if (row.action === "why" && row.targetName) {
    const words = row.targetName.split(" ");
    const last = words.at(-1) ?? "";
    return isAction(last) && words.length > 1
      ? { action: last, ref: words.slice(0, -1).join(" ").replace(/^"|"$/g, "") }
      : { action: "status", ref: row.targetName };
  }
  return isAction(row.action) ? { action: row.action, ...(ref ? { ref } : {}) } : {};
}

function detailText(row: AuditEntry): string {
  const d = row.detail ?? {};
  if (typeof d.reason === "string") {
    const missing = Array.isArray(d.missing) ? d.missing.join(" or ") : "";
    return `${d.reason}${missing ? `: ${missing}` : ""}${typeof d.division === "string" ? ` in ${d.division}` : ""}`;
  }
  return typeof d.error === "string" ? d.error : "";
}
