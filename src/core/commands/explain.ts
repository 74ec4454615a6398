import type { Diagnosis } from "../diagnosis/diagnosis.js";
import { explainRecorded, lastFailure } from "../diagnosis/explain-recorded.js";
import { mythsIn } from "../diagnosis/myths.js";
import { errorsInPaste } from "../diagnosis/pasted-error.js";
import { diagnosisBlocks } from "../diagnosis/render-diagnosis.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { AppError } from "../kernel/errors.js";
import { type Block, reply } from "../kernel/reply.js";
import { isUuid } from "../kernel/uuid.js";
import { auditVisibility, mayViewAuditRow } from "../permissions/audit-visibility.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import type { AuditEntry } from "../ports/audit-log.js";
import type { CoreServices } from "../services.js";
import { pastedReply, titleOf } from "./explain-pasted.js";

const USAGE_HINT = "Paste a Genesys error body, a contextId from an error reply, or: explain last";

/**
 * `explain <contextId | error JSON | last>`: what a Genesys error means and what to change. A
 * recorded failure (by contextId, or the caller's last one here) and a pasted body with an org
 * (`explain acme {…}`) are explained from live data; a body alone from what it says.
 */
export const explainCommand: CommandDefinition = {
  name: "explain",
  access: PERMISSION_CATALOGUE.explain,
  summary:
    "Explain a Genesys error: a contextId from a failed command, a pasted error body (optionally after an org), or your last failure here",
  args: [{ name: "contextId|error|last", variadic: true }],
  takesPaste: true,
  examples: [
    "explain last",
    "explain 3f2c…-contextId",
    'explain acme {"status":403,"code":"missing.permissions",…}',
  ],
  async run({ services, args, invocation }) {
    const words = args.positionals;
    const first = words[0] ?? "";
    const actor = invocation.actor.id;
    if (words.length === 1 && first.toLowerCase() === "last") {
      const row = await lastFailure(services, actor, invocation.channel.id);
      if (!row) {
        return reply({
          blocks: [{ type: "text", text: `Nothing failed for you (${actor}) in this channel yet.` }],
        });
      }
      return recordedReply(services, row, actor);
    }
    if (words.length === 1 && isUuid(first)) {
      const row = await services.audit.findByContextId(first);
      // Another org's (or a hidden campaign's) failure is answered as if it were not recorded (row 11).
      if (row && (await mayReadRecorded(services, actor, row))) return recordedReply(services, row, actor);
      throw new AppError("invalid_input", `Switchboard recorded no failure with contextId ${first}.`, {
        hint: "It may come from another tool: paste the whole error body instead, e.g. explain acme {…}",
      });
    }
    // Quotes inside a pasted body were consumed by the tokenizer: read the raw text instead.
    const raw = invocation.text.replace(/^\s*(?:\/?campaign\s+)?explain\b/i, "");
    const org = words.length > 1 ? await services.orgs.get(first.toLowerCase()) : null;
    const text = org ? raw.trimStart().slice(first.length) : raw;
    const errors = errorsInPaste(text);
    const myths = mythsIn(text);
    if (errors.length === 0 && myths.length === 0)
      throw new AppError("usage", "There is no Genesys error, contextId or known claim in that text.", {
        hint: USAGE_HINT,
      });
    return pastedReply(services, actor, org, errors, myths);
  },
};

/** The caller's own failure, or one about a campaign they may view in an org where they may view. */
async function mayReadRecorded(
  services: CoreServices,
  actor: string,
  row: Pick<AuditEntry, "actor" | "orgSlug" | "target" | "targetName">,
): Promise<boolean> {
  if (row.actor === actor) return true;
  if (!row.orgSlug) return false;
  const org = await services.orgs.get(row.orgSlug);
  if (!org) return false;
  try {
    return mayViewAuditRow(await auditVisibility(services, actor, org), row);
  } catch {
    // Not permitted, or grants that cannot be read: nothing is shown.
    return false;
  }
}

async function recordedReply(
  services: CoreServices,
  row: Parameters<typeof explainRecorded>[1],
  actor: string,
) {
  const x = await explainRecorded(services, row, actor);
  const blocks: Block[] = [{ type: "text", text: x.recorded }, ...diagnosisBlocks(x.diagnosis)];
  if (!x.live && row.orgSlug)
    blocks.push({
      type: "hint",
      text: `Live details (roles, divisions) are for admins and people mapped in ${row.orgSlug}.`,
    });
  return reply({
    tone: toneOf(x.diagnosis),
    title: `explain: ${titleOf(x.diagnosis.error, row.action)}`,
    blocks,
  });
}

function toneOf(d: Diagnosis): "error" | "warning" {
  return d.causes.some((c) => c.severity === "blocking") ? "error" : "warning";
}
