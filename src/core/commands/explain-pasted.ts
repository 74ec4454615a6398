/**
 * `explain` on pasted text: each error in it (a Genesys body, a body cut short, a 403 named in
 * prose, another platform's error) and each wrong claim in it, answered one by one, so a whole
 * forum thread gets every point corrected and not only the first.
 */
import { diagnose } from "../diagnosis/diagnose.js";
import type { Diagnosis, ErrorFacts } from "../diagnosis/diagnosis.js";
import { mayDiagnose } from "../diagnosis/diagnostics-access.js";
import { causesFromError, needsLiveData } from "../diagnosis/error-causes.js";
import type { MythFound } from "../diagnosis/myths.js";
import { diagnosisBlocks } from "../diagnosis/render-diagnosis.js";
import type { ChatIdentity } from "../kernel/model.js";
import { type Block, reply } from "../kernel/reply.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

export async function pastedReply(
  services: CoreServices,
  actor: ChatIdentity,
  org: LinkedOrg | null,
  errors: readonly ErrorFacts[],
  myths: readonly MythFound[],
) {
  const blocks: Block[] = [];
  const live = org !== null && errors.length > 0 && (await mayDiagnose(services, actor, org));
  for (const error of errors) {
    blocks.push({ type: "text", text: headline(error) });
    const genesys = error.shape?.kind !== "foreign";
    const diag: Diagnosis =
      org && live && genesys
        ? await diagnose(services, { org, error })
        : { requirement: [], causes: causesFromError(error, org?.slug), error };
    blocks.push(...diagnosisBlocks(diag));
  }
  if (!org && errors.some((e) => e.shape?.kind !== "foreign" && needsLiveData(e)))
    blocks.push({
      type: "hint",
      text: "With an org, the explanation uses live grants: explain <org> <error>, or for one campaign:",
      command: "why <org> <campaign> <pause|resume|status>",
    });
  if (myths.length > 1)
    blocks.push({ type: "text", text: `${myths.length} claims in that text are wrong:`, tone: "warning" });
  for (const { myth, quote } of myths)
    blocks.push({ type: "text", text: `Not so: "${quote}" ${myth.truth}`, tone: "warning" });
  return reply({
    tone: errors.length ? "error" : "warning",
    title: `explain: ${titleOfPaste(errors, myths)}`,
    blocks,
  });
}

/** The error's first line: what it said, and how sure we are it came from Genesys. */
function headline(e: ErrorFacts): string {
  const said = `${e.status ?? ""} ${e.code}`.trim();
  const message = e.message ? ` — ${e.message}` : "";
  const context = e.contextId ? ` (contextId ${e.contextId})` : "";
  switch (e.shape?.kind) {
    case "foreign":
      return `That error: ${e.message || "(no message)"}${e.code ? ` (code ${e.code})` : ""}`;
    case "prose":
      return `That text reports a ${e.status} Forbidden.`;
    case "partial":
      return `The error: ${said}${message}${context}`;
    default:
      return `Genesys said: ${said}${message}${context}`;
  }
}

function titleOfPaste(errors: readonly ErrorFacts[], myths: readonly MythFound[]): string {
  const first = errors[0];
  if (first?.shape?.kind === "foreign") return "not a Genesys Cloud error";
  if (first) return titleOf(first);
  return myths.length > 1 ? `${myths.length} claims in that advice are wrong` : "that advice is wrong";
}

export function titleOf(error: ErrorFacts | undefined, action?: string): string {
  if (!error) return action ? `failed ${action}` : "failure";
  return `${`${error.status ?? ""} ${error.code}`.trim()}${action ? ` on ${action}` : ""}`;
}
