/**
 * A Diagnosis as chat: the verdicts and the first causes with their fixes in a few lines, the
 * evidence (roles × divisions, token settings, what could not be read) behind a `details` block.
 */
import { durationText, utcText } from "../kernel/format.js";
import type { Block } from "../kernel/reply.js";
import { clientLabel } from "./client-facts.js";
import type { Cause, ClientFacts, Diagnosis, Verdict } from "./diagnosis.js";

/** Causes shown in the message; the rest go to the details. */
const SHOWN_CAUSES = 2;

function verdictText(v: Verdict): string {
  switch (v.outcome) {
    case "allowed":
      if (v.heldAs?.startsWith("in ")) return `yes, with ${v.via} ${v.heldAs}`;
      return `yes, with ${v.via}${v.heldAs && v.heldAs !== v.via ? ` (held as ${v.heldAs})` : ""}`;
    case "denied":
      return `no: ${v.reason}`;
    case "unknown":
      return `cannot tell: ${v.reason}`;
  }
}

/** The verdict lines of a dry run: the caller, then the OAuth client. */
function verdictFields(d: Diagnosis): Block[] {
  const fields: { label: string; value: string }[] = [];
  if (d.caller) fields.push({ label: `You (${d.callerLabel ?? "caller"})`, value: verdictText(d.caller) });
  const clientId = d.facts?.clientId ?? d.causes.find((c) => c.client)?.client;
  if (d.client)
    fields.push({ label: `OAuth client${clientId ? ` ${clientId}` : ""}`, value: verdictText(d.client) });
  return fields.length ? [{ type: "fields", fields }] : [];
}

/** Blocking causes as "Why / Fix" pairs, info causes as notes; the ones beyond the first two in details. */
function causeBlocks(causes: readonly Cause[]): { shown: Block[]; more: Block[] } {
  const toBlocks = (c: Cause): Block[] =>
    c.severity === "blocking"
      ? [
          { type: "text", text: `Why: ${c.summary}`, tone: "error" },
          { type: "hint", text: `Fix: ${c.fix}` },
        ]
      : [{ type: "text", text: `Note: ${c.summary}${c.fix ? ` ${c.fix}` : ""}`, tone: "warning" }];
  return {
    shown: causes.slice(0, SHOWN_CAUSES).flatMap(toBlocks),
    more: causes.slice(SHOWN_CAUSES).flatMap(toBlocks),
  };
}

/** The evidence: the client's grants per role, token settings, what it could not read. */
export function factsBlocks(facts: ClientFacts): Block[] {
  const blocks: Block[] = [];
  const byRole = new Map<string, { name: string; divisions: string[]; permissions?: readonly string[] }>();
  for (const g of facts.grants) {
    const row = byRole.get(g.roleId) ?? {
      name: g.roleName ?? `role ${g.roleId} (name unreadable)`,
      divisions: [],
      ...(g.permissions ? { permissions: g.permissions } : {}),
    };
    row.divisions.push(g.division.name);
    byRole.set(g.roleId, row);
  }
  blocks.push(
    byRole.size
      ? {
          type: "table",
          columns: [{ header: "Role of the client" }, { header: "Granted in" }, { header: "Permissions" }],
          rows: [...byRole.values()].map((r) => [
            r.name,
            r.divisions.join(", "),
            r.permissions ? r.permissions.join(", ") || "(none)" : "unreadable",
          ]),
        }
      : { type: "text", text: `OAuth client ${clientLabel(facts)} has no role grants at all.` },
  );
  blocks.push({ type: "fields", fields: clientFields(facts) });
  for (const u of facts.unreadable)
    blocks.push({ type: "text", text: `Could not read ${u.what}: the client lacks ${u.permission}.` });
  return blocks;
}

function clientFields(facts: ClientFacts): { label: string; value: string }[] {
  return [
    { label: "OAuth client", value: `${clientLabel(facts)}${facts.state ? `, ${facts.state}` : ""}` },
    { label: "Token org", value: `${facts.org.name} (${facts.org.id})` },
    {
      label: "Token lifetime",
      value:
        facts.tokenSeconds !== undefined
          ? `${durationText(facts.tokenSeconds * 1000)} (accessTokenValiditySeconds ${facts.tokenSeconds})`
          : "unknown (needs oauth:client:view)",
    },
    { label: "Token idles", value: facts.dateTokenIdles ? utcText(facts.dateTokenIdles) : "not reported" },
  ];
}

/** The whole body of a diagnosis reply (after any lines a command puts first). */
export function diagnosisBlocks(d: Diagnosis, options: { detailsSummary?: string } = {}): Block[] {
  const { shown, more } = causeBlocks(d.causes);
  const details: Block[] = [...more, ...(d.facts ? factsBlocks(d.facts) : [])];
  if (d.requirement.length)
    details.unshift({ type: "text", text: `Required (any one of): ${d.requirement.join(", ")}` });
  return [
    ...verdictFields(d),
    ...shown,
    ...(details.length
      ? [
          {
            type: "details" as const,
            summary: options.detailsSummary ?? "More: grants and token",
            blocks: details,
          },
        ]
      : []),
  ];
}

/** Would the action go through? Both verdicts allowed and nothing blocking. */
export function wouldSucceed(d: Diagnosis): boolean {
  return (
    d.client?.outcome === "allowed" &&
    (d.caller === undefined || d.caller.outcome === "allowed") &&
    !d.causes.some((c) => c.severity === "blocking")
  );
}
