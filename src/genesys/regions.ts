/**
 * Genesys Cloud regions and their hosts. Tokens come from `login.<domain>` and API calls go to
 * `api.<domain>`; a token is only valid in the region that issued it.
 */
export const REGION_DOMAINS = {
  us_east_1: "mypurecloud.com",
  us_east_2: "use2.us-gov-pure.cloud",
  us_west_2: "usw2.pure.cloud",
  ca_central_1: "cac1.pure.cloud",
  sa_east_1: "sae1.pure.cloud",
  mx_central_1: "mxc1.pure.cloud",
  eu_west_1: "mypurecloud.ie",
  eu_west_2: "euw2.pure.cloud",
  eu_central_1: "mypurecloud.de",
  eu_central_2: "euc2.pure.cloud",
  eusc_de_east_1: "edee1.eusc-pure.cloud",
  me_central_1: "mec1.pure.cloud",
  ap_south_1: "aps1.pure.cloud",
  ap_southeast_1: "apse1.pure.cloud",
  ap_southeast_2: "mypurecloud.com.au",
  ap_northeast_1: "mypurecloud.jp",
  ap_northeast_2: "apne2.pure.cloud",
  ap_northeast_3: "apne3.pure.cloud",
} as const;

export type Region = keyof typeof REGION_DOMAINS;

export const REGIONS = Object.keys(REGION_DOMAINS) as Region[];

export function isRegion(value: string): value is Region {
  return Object.hasOwn(REGION_DOMAINS, value);
}

/** Region key for a domain (`mypurecloud.ie` → `eu_west_1`), or undefined. */
export function regionOfDomain(domain: string): Region | undefined {
  return REGIONS.find((r) => REGION_DOMAINS[r] === domain);
}

export interface GenesysHosts {
  /** Base for `/oauth/token`. */
  loginUrl: string;
  /** Base for `/api/v2/...`. */
  apiUrl: string;
}

/**
 * Hosts for a region. With `simulatorUrl` (a running `switchboard sim`), each real host name becomes
 * the first path segment (`http://127.0.0.1:8089/login.mypurecloud.ie/oauth/token`), so the simulator
 * can tell regions apart exactly as DNS would.
 */
export function hostsFor(region: Region, simulatorUrl?: string): GenesysHosts {
  const domain = REGION_DOMAINS[region];
  if (simulatorUrl) {
    const base = simulatorUrl.replace(/\/+$/, "");
    return { loginUrl: `${base}/login.${domain}`, apiUrl: `${base}/api.${domain}` };
  }
  return { loginUrl: `https://login.${domain}`, apiUrl: `https://api.${domain}` };
}
