/**
 * `why <org> <campaign> dialing`: why a campaign is not placing calls. Reads the campaign's status,
 * diagnostics, campaign rules and schedule (each read may fail on its own: what could not be read is
 * said, with the permission it needs, instead of failing the whole answer) and names the causes
 * with their fixes, most decisive first.
 */
import { GenesysError } from "../kernel/genesys-error.js";
import type { Campaign } from "../kernel/model.js";
import { type Block, type Reply, reply } from "../kernel/reply.js";
import {
  type CampaignDiagnostics,
  type CampaignRuleInfo,
  type CampaignScheduleInfo,
  callableContacts,
} from "../kernel/watch-model.js";
import type { GenesysOrgClient } from "../ports/genesys-gateway.js";

interface DialingCause {
  cause: string;
  fix: string;
}

export interface DialingFindings {
  campaign: Campaign;
  causes: DialingCause[];
  /** What could not be read, and why (`campaign rules: the OAuth client lacks outbound:campaignRule:view`). */
  unread: string[];
}

type Read<T> = { ok: true; value: T } | { ok: false; why: string };

async function attempt<T>(what: string, permission: string, run: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof GenesysError && (e.status === 403 || e.status === 404)) {
      const perms = e.requiredPermissions.length ? e.requiredPermissions.join(", ") : permission;
      return { ok: false, why: `${what}: the org's OAuth client lacks ${perms} (Genesys ${e.status})` };
    }
    if (e instanceof GenesysError)
      return { ok: false, why: `${what}: Genesys answered ${e.status} ${e.code}` };
    throw e;
  }
}

export async function findDialingCauses(
  client: GenesysOrgClient,
  campaign: Campaign,
  now: Date,
): Promise<DialingFindings> {
  const [diag, rules, schedule] = await Promise.all([
    attempt("diagnostics", "outbound:campaign:view", () => client.getDiagnostics(campaign.id)),
    attempt("campaign rules", "outbound:campaignRule:view", () => client.listCampaignRules()),
    attempt("campaign schedule", "outbound:schedule:view", () => client.getCampaignSchedule(campaign.id)),
  ]);
  const causes: DialingCause[] = [];
  causes.push(...statusCauses(campaign, diag.ok ? diag.value : undefined));
  if (diag.ok) causes.push(...diagnosticCauses(campaign, diag.value));
  if (rules.ok) causes.push(...ruleCauses(campaign, rules.value));
  if (schedule.ok && schedule.value) causes.push(...scheduleCauses(schedule.value, now));
  const unread = [diag, rules, schedule].flatMap((r) => (r.ok ? [] : [r.why]));
  return { campaign, causes, unread };
}

function statusCauses(c: Campaign, d: CampaignDiagnostics | undefined): DialingCause[] {
  const errors = (d?.errors ?? []).map((e) => (e.details ? `${e.error} (${e.details})` : e.error));
  const withErrors = errors.length ? `: ${errors.join("; ")}` : "";
  switch (c.status) {
    case "on":
      return [];
    case "off":
    case "stopping":
      return [{ cause: `it is ${c.status}`, fix: `resume it: resume <org> "${c.name}"` }];
    case "complete":
      return [
        {
          cause: "it is complete: every contact was dialed",
          fix: "add contacts or recycle the list, then resume",
        },
      ];
    case "invalid":
      return [
        {
          cause: `Genesys marked it invalid${withErrors}`,
          fix: "fix the configuration Genesys names, then resume",
        },
      ];
    default:
      return [
        { cause: `Genesys set it ${c.status}${withErrors}`, fix: "fix what Genesys reports, then resume" },
      ];
  }
}

function diagnosticCauses(c: Campaign, d: CampaignDiagnostics): DialingCause[] {
  const out: DialingCause[] = [];
  const list = c.contactList?.name ? `list "${c.contactList.name}"` : "its contact list";
  if (callableContacts(d) === 0) {
    const filtered =
      d.filteredOutContacts > 0
        ? ` (${d.filteredOutContacts} filtered out by DNC, rules or callable times)`
        : "";
    out.push({
      cause: `no callable contacts left in ${list}${filtered}`,
      fix: "load or recycle contacts, or relax the filters that exclude them",
    });
  }
  if (d.idleAgents === 0 && c.status === "on" && c.dialingMode !== "agentless") {
    const queue = d.queue?.name ?? c.queue?.name;
    out.push({
      cause: `0 idle agents${queue ? ` on queue "${queue}"` : ""}${d.queue ? ` (${d.queue.usersOnQueue} on queue)` : ""}`,
      fix: "get agents on queue and idle, or move the campaign to a staffed queue",
    });
  }
  for (const r of d.ruleSetWarnings) {
    for (const w of r.warnings)
      out.push({ cause: `rule set "${r.ruleSet}": ${w}`, fix: "review that rule set" });
  }
  return out;
}

function ruleCauses(c: Campaign, rules: CampaignRuleInfo[]): DialingCause[] {
  return rules
    .filter((r) => r.enabled && r.campaignIds.includes(c.id) && r.actionTypes.includes("turnOffCampaign"))
    .map((r) => ({
      cause: `rule "${r.name}" turns it off${r.conditions.length ? ` when ${r.conditions.join(" and ")}` : ""}${c.status === "on" ? "" : " (may be what turned it off)"}`,
      fix: `disable or change rule "${r.name}" in Genesys (Outbound › Campaign Rules)`,
    }));
}

/** Intervals are local times in the schedule's zone; only UTC ones are compared with now. */
function scheduleCauses(s: CampaignScheduleInfo, now: Date): DialingCause[] {
  const utc = s.timeZone === "UTC" || s.timeZone === "Etc/UTC";
  const at = (t: string) => Date.parse(`${t.replace(/Z$/, "")}Z`);
  if (utc) {
    const current = s.intervals.find((i) => at(i.start) <= now.getTime() && now.getTime() < at(i.end));
    if (current) {
      return [
        {
          cause: `its schedule ends at ${current.end.slice(11, 16)} UTC`,
          fix: "extend the schedule if it should dial later",
        },
      ];
    }
    const next = s.intervals
      .filter((i) => at(i.start) > now.getTime())
      .sort((a, b) => at(a.start) - at(b.start))[0];
    return [
      {
        cause: `it is outside its schedule${next ? ` (next window starts ${next.start.replace("T", " ").slice(0, 16)} UTC)` : " (no window left)"}`,
        fix: "change the campaign schedule in Genesys, or wait for its window",
      },
    ];
  }
  const windows = s.intervals.map((i) => `${i.start}–${i.end}`).join(", ");
  return [
    {
      cause: `it dials only in its schedule (${windows} ${s.timeZone})`,
      fix: "check the schedule in Genesys",
    },
  ];
}

export function renderDialing(slug: string, f: DialingFindings): Reply {
  const blocks: Block[] = [];
  const { campaign: c } = f;
  if (f.causes.length === 0) {
    blocks.push({
      type: "text",
      text:
        c.status === "on"
          ? "Nothing Switchboard can read stops it from dialing."
          : `It is ${c.status}; nothing else was found.`,
      tone: "success",
    });
  } else {
    const [first, ...rest] = f.causes;
    if (first)
      blocks.push({
        type: "text",
        text: `Not dialing because ${first.cause}. Fix: ${first.fix}.`,
        tone: "warning",
      });
    for (const r of rest) blocks.push({ type: "text", text: `Also: ${r.cause}. Fix: ${r.fix}.` });
  }
  if (f.unread.length > 0) {
    blocks.push({
      type: "details",
      summary: "Could not read",
      blocks: f.unread.map((u) => ({ type: "text", text: u })),
    });
  }
  return reply({
    tone: f.causes.length ? "warning" : "success",
    title: `why dialing "${c.name}" in ${slug} (${c.status}, division ${c.division.name})`,
    blocks,
  });
}
