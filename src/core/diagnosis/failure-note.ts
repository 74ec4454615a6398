/**
 * The diagnosis line every failed action's reply carries: one sentence of why, the fix, and where
 * the whole story is (`explain <contextId>`). Computed only on failure, from live data for the
 * failures live data explains (403, 404, credentials) and from the error alone otherwise (409,
 * 429, 5xx: asking Genesys more would not help and, for a 429, would make it worse).
 */
import { isAppError } from "../kernel/errors.js";
import { genesysCauseOf } from "../kernel/genesys-error.js";
import type { Invocation } from "../kernel/invocation.js";
import type { Block, Reply } from "../kernel/reply.js";
import type { CoreServices } from "../services.js";
import { isCredentialFailure } from "./credential-check.js";
import { diagnose } from "./diagnose.js";
import { DIAGNOSED_ACTIONS, type DiagnosedAction } from "./diagnosis.js";
import { mayDiagnose } from "./diagnostics-access.js";
import { fromGenesysError } from "./error-facts.js";

/** Failures worth a diagnosis line: Genesys errors, org binding, campaigns the client cannot see. */
function worthDiagnosing(e: unknown): boolean {
  if (genesysCauseOf(e)) return true;
  return isAppError(e) && (e.code === "org_mismatch" || e.code === "campaign_not_found");
}

export interface FailureContext {
  invocation: Invocation;
  command: string;
  orgSlug: string | null;
  /** The campaign words of the command line, when it named one. */
  subject: string | null;
}

/** The reply with a diagnosis line and an `explain` pointer added; the reply unchanged if none applies. */
export async function withFailureNote(
  services: CoreServices,
  reply: Reply,
  error: unknown,
  ctx: FailureContext,
): Promise<Reply> {
  // Switchboard's own refusal already is the diagnosis; `explain last` adds the client's side.
  if (isAppError(error) && error.code === "not_permitted" && isAction(ctx.command))
    return {
      ...reply,
      blocks: [...reply.blocks, { type: "hint", text: "The whole story:", command: "explain last" }],
    };
  if (!worthDiagnosing(error)) return reply;
  const g = genesysCauseOf(error);
  const slug = g?.orgSlug ?? ctx.orgSlug;
  const pointer: Block = {
    type: "hint",
    text: "The whole story:",
    command: g?.contextId ? `explain ${g.contextId}` : "explain last",
  };
  if (!slug) return { ...reply, blocks: [...reply.blocks, pointer] };
  try {
    const org = await services.orgs.get(slug);
    // The note names the client's roles and divisions: for people of that org only.
    if (!org || !(await mayDiagnose(services, ctx.invocation.actor.id, org)))
      return { ...reply, blocks: [...reply.blocks, pointer] };
    const action = isAction(ctx.command) ? ctx.command : undefined;
    const notFound = isAppError(error) && error.code === "campaign_not_found" && !g;
    // A typo with a close suggestion needs no theory about invisible divisions.
    if (notFound && (!ctx.subject || error.hint?.startsWith("Did you mean"))) return reply;
    const diag = await diagnose(services, {
      org,
      ...(action ? { action } : {}),
      ...(g && !isCredentialFailure(g) ? { error: fromGenesysError(g) } : {}),
      ...(notFound && ctx.subject ? { campaignRef: ctx.subject } : {}),
    });
    const cause = diag.causes.find((c) => c.severity === "blocking");
    // Switchboard's own message already said everything a guess could add.
    if (!cause || cause.kind === "not_found" || cause.kind === "other")
      return { ...reply, blocks: [...reply.blocks, pointer] };
    const note: Block[] = [
      { type: "text", text: `Diagnosis: ${cause.summary}` },
      { type: "hint", text: `Fix: ${cause.fix}` },
    ];
    // A Genesys error's generic hint is replaced by the diagnosed fix; Switchboard's own hints stay.
    const kept = g ? reply.blocks.filter((b) => b.type !== "hint") : reply.blocks;
    return { ...reply, blocks: [...kept, ...note, pointer] };
  } catch (e) {
    services.logger.warn({ err: String(e), org: slug }, "failure diagnosis unavailable");
    return { ...reply, blocks: [...reply.blocks, pointer] };
  }
}

function isAction(command: string): command is DiagnosedAction {
  return (DIAGNOSED_ACTIONS as readonly string[]).includes(command);
}
