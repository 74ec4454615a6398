/**
 * Simulator scenarios for the Genesys client tests, as YAML (the same format as `switchboard sim
 * --fixture`). Three orgs in three regions; acme has a second client that may only view Sales.
 */

export const ORG = {
  acme: { slug: "acme", genesysOrgId: "6f1c0b7e-0000-4000-8000-00000000a0c1", region: "us_east_1" },
  globex: { slug: "globex", genesysOrgId: "6f1c0b7e-0000-4000-8000-000000000610", region: "eu_west_1" },
  initech: {
    slug: "initech",
    genesysOrgId: "6f1c0b7e-0000-4000-8000-000000000177",
    region: "ap_southeast_2",
  },
} as const;

export const SECRETS = {
  acme: "acme-s3cret-value-7f2a91",
  acmeViewer: "acme-viewer-s3cret-44b2",
  globex: "globex-s3cret-value-0c3d",
  initech: "initech-s3cret-value-9e8f",
} as const;

/** Campaign names per org, so isolation tests can tell whose data came back. */
export const CAMPAIGNS = {
  acme: ["Spring Promo", "Summer Sale", "Renewals"],
  globex: ["Globex Winback", "Globex Survey"],
  initech: ["TPS Reminders"],
} as const;

const campaignLines = (names: readonly string[], division: string) =>
  names
    .map(
      (name) =>
        `      - {name: ${name}, division: ${division}, status: on, dialingMode: preview, progress: 42}`,
    )
    .join("\n");

/** A YAML list of `count` extra campaigns (`Bulk 001`…) in division Sales, for paging. */
const bulkLines = (count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `      - {name: Bulk ${String(i + 1).padStart(3, "0")}, division: Sales, status: off, dialingMode: power}`,
  ).join("\n");

export function threeOrgsYaml(options: { bulkCampaigns?: number; perTokenPerMinute?: number } = {}): string {
  return `
orgs:
  - slug: acme
    id: ${ORG.acme.genesysOrgId}
    name: Acme Corp
    region: us_east_1
    divisions: [{name: Home, home: true}, {name: Sales}, {name: Support}]
    roles:
      - {name: Outbound Admin, permissions: ["outbound:campaign:*", "authorization:*:view", "oauth:client:view", "directory:user:view"]}
      - {name: Outbound Viewer, permissions: ["outbound:campaign:view"]}
    users:
      - {email: sam@acme.test, name: Sam Jones, grants: [{role: Outbound Admin, division: "*"}]}
    oauthClients:
      - {id: client-acme, secret: ${SECRETS.acme}, grants: [{role: Outbound Admin, division: "*"}]}
      - {id: client-acme-viewer, secret: ${SECRETS.acmeViewer}, grants: [{role: Outbound Viewer, division: Sales}]}
    campaigns:
${campaignLines(CAMPAIGNS.acme, "Sales")}
${options.bulkCampaigns ? bulkLines(options.bulkCampaigns) : ""}
  - slug: globex
    id: ${ORG.globex.genesysOrgId}
    name: Globex
    region: eu_west_1
    divisions: [{name: Home}]
    roles:
      - {name: Outbound Admin, permissions: ["outbound:*:*"]}
    oauthClients:
      - {id: client-globex, secret: ${SECRETS.globex}, grants: [{role: Outbound Admin, division: "*"}]}
    campaigns:
${campaignLines(CAMPAIGNS.globex, "Home")}
  - slug: initech
    id: ${ORG.initech.genesysOrgId}
    name: Initech
    region: ap_southeast_2
    divisions: [{name: Home}]
    roles:
      - {name: Outbound Admin, permissions: ["outbound:*:*"]}
    oauthClients:
      - {id: client-initech, secret: ${SECRETS.initech}, grants: [{role: Outbound Admin, division: "*"}]}
    campaigns:
${campaignLines(CAMPAIGNS.initech, "Home")}
limits: {perTokenPerMinute: ${options.perTokenPerMinute ?? 100000}}
timing: {stoppingMs: 0}
`;
}
