import { resolveOrg } from "../campaigns/resolve-org.js";
import { matrixFindings } from "../diagnosis/action-matrix.js";
import { DIAGNOSED_ACTIONS } from "../diagnosis/diagnosis.js";
import { mayDiagnose, requireDiagnose } from "../diagnosis/diagnostics-access.js";
import { type DoctorReport, examineOrg } from "../diagnosis/doctor.js";
import { factsBlocks } from "../diagnosis/render-diagnosis.js";
import type { CommandDefinition } from "../dispatch/command.js";
import { AppError } from "../kernel/errors.js";
import { type Block, reply } from "../kernel/reply.js";
import { PERMISSION_CATALOGUE } from "../permissions/catalogue.js";
import type { LinkedOrg } from "../ports/org-store.js";
import type { CoreServices } from "../services.js";

const MARK = { ok: "ok", warn: "WARN", fail: "FAIL" } as const;

export const orgTestCommand: CommandDefinition = {
  name: "org test",
  access: PERMISSION_CATALOGUE["org test"],
  summary:
    "Doctor for an org: credentials, region and org binding, the OAuth client's grants, what each action may do in each division, token settings",
  args: [{ name: "org", kind: "org", optional: true }],
  flags: { all: { type: "boolean", description: "Every linked org you may test, one line each" } },
  examples: ["org test acme", "org test --all"],
  async run({ services, args, invocation }) {
    const actor = invocation.actor.id;
    const slug = args.positionals[0];
    if (args.flags.all === true) {
      if (slug)
        throw new AppError("usage", "org test takes an org or --all, not both.", { hint: "org test --all" });
      return summary(services, actor);
    }
    if (!slug)
      throw new AppError("usage", "org test needs <org> (or --all).", {
        hint: "org test acme — or: org test --all",
      });
    const org = await resolveOrg(services.orgs, slug, { allowBroken: true });
    // It changes nothing, but it shows the client's grants: people of that org only.
    await requireDiagnose(services, actor, org, "org test");
    const report = await examine(services, org);
    return render(report);
  },
};

/** Runs the doctor and records the org's health from it. */
async function examine(services: CoreServices, org: LinkedOrg): Promise<DoctorReport> {
  const report = await examineOrg(services, org);
  const failed = report.checks.some((c) => c.status === "fail");
  if (report.broken) await services.orgs.setHealth(org.slug, "broken", report.broken);
  else if (!failed) await services.orgs.setHealth(org.slug, "ok", null);
  return report;
}

function verdict(report: DoctorReport): { ok: boolean; text: string } {
  const fails = report.checks.filter((c) => c.status === "fail").length;
  const warns = report.checks.filter((c) => c.status === "warn").length;
  if (fails) return { ok: false, text: "problems found" };
  return { ok: true, text: warns ? `healthy, ${warns} warning${warns === 1 ? "" : "s"}` : "healthy" };
}

function render(report: DoctorReport) {
  const { ok, text } = verdict(report);
  const blocks: Block[] = [
    {
      type: "table",
      columns: [{ header: "" }, { header: "Check" }, { header: "Result" }],
      rows: report.checks.map((c) => [MARK[c.status], c.name, c.detail]),
    },
  ];
  blocks.push({
    type: "text",
    text: report.org.automap
      ? "Automap: on. An unmapped chat user is mapped to the one active Genesys user with their verified email when they first run a command here."
      : "Automap: off. Chat users are mapped by an admin (user map, user import).",
  });
  if (report.matrix.length) {
    blocks.push({
      type: "table",
      columns: [{ header: "Division" }, ...DIAGNOSED_ACTIONS.map((a) => ({ header: a }))],
      rows: report.matrix.map((r) => [r.division.name, ...DIAGNOSED_ACTIONS.map((a) => r.cells[a].text)]),
      footer: "What the org's OAuth client may do per division (your own permissions: whoami).",
    });
  }
  const failing = report.checks.find((c) => c.status === "fail" && c.why);
  if (failing?.why) blocks.push({ type: "text", text: failing.why, tone: "error" });
  const firstFix =
    report.checks.find((c) => c.status === "fail" && c.fix) ?? report.checks.find((c) => c.fix);
  if (firstFix?.fix) blocks.push({ type: "hint", text: `Fix (${firstFix.name}):`, command: firstFix.fix });
  const more: Block[] = [
    // Every other check's fix (the rate limit's, a second warning's): the hint above holds only one.
    ...report.checks
      .filter((c) => c.fix && c !== firstFix)
      .map((c): Block => ({ type: "text", text: `${c.name}: ${c.why ?? c.detail} Fix: ${c.fix}` })),
    ...matrixFindings(report.matrix)
      .slice(1)
      .map((c): Block => ({ type: "text", text: `${c.summary} Fix: ${c.fix}` })),
    ...(report.facts ? factsBlocks(report.facts) : []),
  ];
  if (more.length)
    blocks.push({ type: "details", summary: "More: every finding, grants and token", blocks: more });
  return reply({
    ok,
    tone: ok ? (text === "healthy" ? "success" : "warning") : "error",
    title: `org test ${report.org.slug}: ${text}`,
    blocks,
  });
}

/** `org test --all`: one line per org the caller may test. */
async function summary(services: CoreServices, actor: string) {
  const orgs = await services.orgs.list();
  const mine: LinkedOrg[] = [];
  for (const org of orgs) if (await mayDiagnose(services, actor, org)) mine.push(org);
  if (mine.length === 0) {
    return reply({
      blocks: [
        {
          type: "text",
          text: orgs.length
            ? `You (${actor}) may test none of the ${orgs.length} linked orgs.`
            : "No orgs are linked yet.",
        },
      ],
    });
  }
  const reports = await Promise.all(mine.map((org) => examine(services, org)));
  const rows = reports.map((r) => {
    const { text } = verdict(r);
    const top = r.checks.find((c) => c.status === "fail") ?? r.checks.find((c) => c.status === "warn");
    return [r.org.slug, r.org.region, text, top ? `${top.name}: ${shorten(top.detail)}` : "–"];
  });
  const ok = reports.every((r) => verdict(r).ok);
  return reply({
    ok,
    tone: ok ? "success" : "error",
    title: `org test --all: ${reports.length} org${reports.length === 1 ? "" : "s"}`,
    blocks: [
      {
        type: "table",
        columns: [{ header: "Org" }, { header: "Region" }, { header: "Result" }, { header: "Top cause" }],
        rows,
      },
      {
        type: "hint",
        text: "The whole picture for one org:",
        command: `org test ${reports[0]?.org.slug ?? "<org>"}`,
      },
    ],
  });
}

function shorten(text: string, n = 110): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
