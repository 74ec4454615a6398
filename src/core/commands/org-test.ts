import type { CommandDefinition } from "../command.js";
import { AppError, isAppError } from "../errors.js";
import { isGenesysError } from "../genesys-error.js";
import { resolveOrg } from "../org-resolver.js";
import type { GenesysOrgClient, LinkedOrg } from "../ports.js";
import { type Block, reply } from "../reply.js";

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export const orgTestCommand: CommandDefinition = {
  name: "org test",
  summary: "Check an org's credentials, region and org binding, and what its OAuth client can see",
  args: [{ name: "org" }],
  examples: ["org test acme"],
  async run({ services, args, invocation }) {
    const org = await resolveOrg(services.orgs, args.positionals[0] ?? "", { allowBroken: true });
    // It reads no campaign and changes nothing, but it does show the client's grants: people of that org only.
    const actor = invocation.actor.id;
    if (!services.isAdmin(actor) && !(await services.identities.get(actor, org.slug))) {
      throw new AppError(
        "not_permitted",
        `org test ${org.slug} is for Switchboard admins and people mapped in ${org.slug}; you (${actor}) are neither.`,
        {
          hint: `Ask a Switchboard admin to map you: switchboard user map ${actor} ${org.slug} --genesys-user <email>`,
        },
      );
    }
    // A fresh client: a stale cached token must not hide a revoked client.
    services.genesys.evict(org.slug);
    const checks: Check[] = [];
    let brokenReason: string | null = null;
    try {
      const client = await services.genesys.forOrg(org);
      await runChecks(client, org, checks);
    } catch (e) {
      const failure = describeFailure(e, org);
      checks.push({ name: failure.name, ok: false, detail: failure.detail });
      if (failure.breaks) brokenReason = failure.detail;
      if (!failure.known) throw e;
    }
    const ok = checks.every((c) => c.ok);
    if (ok || brokenReason) await services.orgs.setHealth(org.slug, ok ? "ok" : "broken", brokenReason);
    const blocks: Block[] = [
      {
        type: "table",
        columns: [{ header: "" }, { header: "Check" }, { header: "Result" }],
        rows: checks.map((c) => [c.ok ? "ok" : "FAIL", c.name, c.detail]),
      },
    ];
    if (!ok && brokenReason) {
      blocks.push({
        type: "hint",
        text: "Fix the credentials, then re-link:",
        command: `switchboard org link ${org.slug} --region ${org.region} --client-id <id> --client-secret-stdin`,
      });
    }
    return reply({
      ok,
      tone: ok ? "success" : "error",
      title: `org test ${org.slug}: ${ok ? "healthy" : "problems found"}`,
      blocks,
    });
  },
};

async function runChecks(client: GenesysOrgClient, org: LinkedOrg, checks: Check[]): Promise<void> {
  const me = await client.tokenInfo();
  checks.push({ name: "Token", ok: true, detail: `client credentials accepted by login.${org.region} host` });
  checks.push({
    name: "Org binding",
    ok: true,
    detail: `token belongs to ${me.organization.name} (${me.organization.id})`,
  });
  const grants = me.oauthClient?.roleDivisions ?? [];
  checks.push({
    name: "OAuth client",
    ok: true,
    detail: me.oauthClient
      ? `${me.oauthClient.name} (${me.oauthClient.id}): ${grants.length} role × division grant(s)`
      : "not reported by Genesys",
  });
  try {
    const [page, divisions] = await Promise.all([
      client.listCampaigns({ pageSize: 1 }),
      client.listDivisions(),
    ]);
    checks.push({
      name: "Campaigns",
      ok: true,
      detail: `${page.total} visible across ${divisions.length} division(s)`,
    });
  } catch (e) {
    if (!isGenesysError(e)) throw e;
    checks.push({
      name: "Campaigns",
      ok: false,
      detail: `${e.status} ${e.code}: ${e.message}${e.contextId ? ` (contextId ${e.contextId})` : ""}`,
    });
  }
}

function describeFailure(
  e: unknown,
  org: LinkedOrg,
): { name: string; detail: string; breaks: boolean; known: boolean } {
  if (isAppError(e) && e.code === "org_mismatch")
    return { name: "Org binding", detail: e.userMessage, breaks: true, known: true };
  if (isAppError(e)) return { name: "Setup", detail: e.userMessage, breaks: true, known: true };
  if (isGenesysError(e) && e.path.endsWith("/oauth/token")) {
    const why =
      e.code === "invalid_client"
        ? `Genesys rejected the client credentials (invalid_client${e.message ? `: ${e.message}` : ""}). The client may be deleted or disabled, the secret rotated, or it lives in another region than ${org.region}.`
        : `token request failed: ${e.status} ${e.code}`;
    return { name: "Token", detail: why, breaks: e.code === "invalid_client", known: true };
  }
  if (isGenesysError(e)) {
    return { name: "Genesys", detail: `${e.status} ${e.code}: ${e.message}`, breaks: false, known: true };
  }
  return { name: "Check", detail: String(e), breaks: false, known: false };
}
